using System.Text;
using AttrMapper.Mapping;

namespace AttrMapper.Tests.Mapping;

public sealed class IdTokenClaimsTests
{
    // The payload of ../shared/fixtures/cognito-answers.md, as Cognito writes it.
    private const string Fixture = """
        {"sub":"0f1e…","cognito:groups":["admins","staff"],"email_verified":true,"iss":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OldPool17","cognito:username":"bob","given_name":"Bob","origin_jti":"…","aud":"5oldclient…","event_id":"…","token_use":"id","auth_time":1700000000,"phone_number":"+447700900123","phone_number_verified":false,"exp":1700003600,"custom:tenant":"acme","iat":1700000000,"jti":"…","email":"bob@example.com","updated_at":1700000000}
        """;

    private static IdTokenClaims? Read(string json) => IdTokenClaims.Read(Encoding.UTF8.GetBytes(json));

    private static string Render(IdTokenClaims claims) => string.Join("; ", claims.Attributes.Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public void Read_FixturePayload_GivesTheAttributesAsAdminGetUserWould()
    {
        var claims = Read(Fixture).ShouldNotBeNull();

        Render(claims).ShouldBe(
            "sub=0f1e…; email_verified=true; given_name=Bob; phone_number=+447700900123; phone_number_verified=false; "
            + "custom:tenant=acme; email=bob@example.com; updated_at=1700000000");
        claims.Groups.ShouldBe(["admins", "staff"]);
    }

    [Theory]
    [InlineData("""{"token_use":"id","email":"a\u0040b.test"}""", "email=a@b.test")]
    [InlineData("""{"token_use":"id","custom:n":"42","updated_at":0}""", "custom:n=42; updated_at=0")]
    [InlineData("""{"token_use":"id","updated_at":-12}""", "updated_at=-12")]
    [InlineData("""{"token_use":"id","updated_at":123456789012345678901234567890}""", "updated_at=123456789012345678901234567890")]
    [InlineData("""{"token_use":"id","name":""}""", "name=")]
    [InlineData("""{"token_use":"id","cognito:username":"bob","cognito:roles":["arn"],"cognito:preferred_role":"arn","amr":["pwd"],"nonce":"n","acr":"1","at_hash":"h"}""", "")]
    [InlineData("""{"token_use":"id","aud":["a","b"],"exp":1.5,"iat":null}""", "")]
    [InlineData("""{"token_use":"id","address":{"formatted":"1 Main St"},"identities":[{"providerName":"x"}],"email":"e"}""", "email=e")]
    [InlineData("""{"token_use":"id","address":"{\"formatted\":\"x\"}"}""", "")]
    [InlineData(""" {"token_use":"id"} """, "")]
    public void Read_Claims_BecomeAttributeText(string payload, string expected) =>
        Render(Read(payload).ShouldNotBeNull()).ShouldBe(expected);

    [Theory]
    [InlineData("""{"token_use":"id"}""", "")]
    [InlineData("""{"token_use":"id","cognito:groups":[]}""", "")]
    [InlineData("""{"cognito:groups":["b","a","b"],"token_use":"id"}""", "b; a; b")]
    public void Read_Groups_ComeFromCognitoGroups(string payload, string expected) =>
        string.Join("; ", Read(payload).ShouldNotBeNull().Groups).ShouldBe(expected);

    [Theory]
    // not one object
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"id\"")]
    [InlineData("""{"token_use":"id"} {}""")]
    [InlineData("""{"token_use":"id",}""")]
    [InlineData("""{"token_use":"id" /* c */}""")]
    [InlineData("""{"token_use":"id","email":"e\u00""")]
    // not an ID token
    [InlineData("""{"email":"e"}""")]
    [InlineData("""{"token_use":"access","email":"e"}""")]
    [InlineData("""{"token_use":["id"]}""")]
    // a repeated claim
    [InlineData("""{"token_use":"id","email":"a","email":"b"}""")]
    [InlineData("""{"token_use":"id","token_use":"id"}""")]
    [InlineData("""{"token_use":"id","cognito:groups":["a"],"cognito:groups":["b"]}""")]
    // an attribute of no exact AdminGetUser text
    [InlineData("""{"token_use":"id","email":null}""")]
    [InlineData("""{"token_use":"id","custom:x":["a"]}""")]
    [InlineData("""{"token_use":"id","custom:x":{"a":1}}""")]
    [InlineData("""{"token_use":"id","updated_at":1.7E9}""")]
    [InlineData("""{"token_use":"id","updated_at":1700000000.0}""")]
    [InlineData("""{"token_use":"id","updated_at":-0.5}""")]
    // groups that are not an array of strings
    [InlineData("""{"token_use":"id","cognito:groups":"admins"}""")]
    [InlineData("""{"token_use":"id","cognito:groups":["admins",1]}""")]
    [InlineData("""{"token_use":"id","cognito:groups":[["admins"]]}""")]
    [InlineData("""{"token_use":"id","cognito:groups":null}""")]
    public void Read_MalformedPayload_FailsClosed(string payload) => Read(payload).ShouldBeNull();

    [Fact]
    public void Read_InvalidUtf8_FailsClosed()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"token_use":"id","email":"ab"}""");
        bytes[^3] = 0xFF;

        IdTokenClaims.Read(bytes).ShouldBeNull();
    }

    [Fact]
    public void Read_PayloadOver64KB_FailsClosed()
    {
        const string Prefix = "{\"token_use\":\"id\",\"name\":\"";
        var fits = Prefix + new string('n', IdTokenClaims.MaxPayloadBytes - Prefix.Length - 2) + "\"}";
        Encoding.UTF8.GetByteCount(fits).ShouldBe(IdTokenClaims.MaxPayloadBytes);

        Read(fits).ShouldNotBeNull();
        Read(fits.Replace("\"}", "n\"}", StringComparison.Ordinal)).ShouldBeNull();
    }

    [Fact]
    public void FromIdToken_ThreeSegments_ReadsThePayload()
    {
        var token = "eyJhbGciOiJSUzI1NiJ9." + Encode(Fixture) + ".c2ln";

        var claims = IdTokenClaims.FromIdToken(token).ShouldNotBeNull();

        claims.Groups.ShouldBe(["admins", "staff"]);
        claims.Attributes.ShouldContain(new KeyValuePair<string, string>("email", "bob@example.com"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a..c")]
    [InlineData(".PAYLOAD.c")]
    [InlineData("a.PAYLOAD.")]
    [InlineData("a.PAYLOAD.c.d")]
    [InlineData("a.PAYLOAD=.c")]
    [InlineData("a.PAY LOAD.c")]
    [InlineData("a.PAY+LOAD.c")]
    [InlineData("a.PAY/LOAD.c")]
    public void FromIdToken_Malformed_FailsClosed(string? shape)
    {
        var token = shape?.Replace("PAYLOAD", Encode("""{"token_use":"id"}"""), StringComparison.Ordinal);

        IdTokenClaims.FromIdToken(token).ShouldBeNull();
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("A", null)]
    [InlineData("QQ", "A")]
    [InlineData("QUI", "AB")]
    [InlineData("QUJD", "ABC")]
    [InlineData("QUJD\n", null)]
    [InlineData("QQ==", null)]
    [InlineData("-_-_", "\u00fb\u00ff\u00bf")]
    public void Decode_Segment_IsStrictBase64Url(string segment, string? expected)
    {
        var bytes = Base64UrlSegment.Decode(segment, 64);

        if (expected is null)
        {
            bytes.ShouldBeNull();
        }
        else
        {
            bytes.ShouldBe(expected.Select(c => (byte)c).ToArray());
        }
    }

    [Fact]
    public void Decode_OverTheBound_FailsClosed()
    {
        Base64UrlSegment.Decode(new string('A', 88), 66).ShouldNotBeNull();
        Base64UrlSegment.Decode(new string('A', 92), 66).ShouldBeNull();
    }

    internal static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
