using AttrMapper.Demo.Stack;

namespace AttrMapper.Demo.Walkthrough;

/// <summary>What the split run showed: every attempt, who each pool holds at the end, and how many refusals the functions logged as not_selected.</summary>
public sealed record SplitFacts(IReadOnlyList<SplitAttempt> Attempts, IReadOnlyDictionary<string, IReadOnlyList<NewPoolUser>> Holds, int NotSelectedLogged);
