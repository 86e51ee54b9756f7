# AttrMapper: every task a developer or operator runs. `make` alone lists them.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.ONESHELL:

ARCH ?= x86_64
RESULTS := artifacts/test-results
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## Build every project (Debug)
	dotnet build AttrMapper.sln -nologo -v quiet

.PHONY: tools
tools: ## Install the npm peers (cognito-local) from their lock file
	@if [ -f tools/cognito-local/package-lock.json ]; then
	  if [ ! -d tools/cognito-local/node_modules ] || [ tools/cognito-local/package-lock.json -nt tools/cognito-local/node_modules ]; then
	    npm ci --prefix tools/cognito-local --no-audit --no-fund --loglevel=error
	  fi
	fi

.PHONY: package
package: ## Publish the Native AOT bootstrap and zip it: dist/attrmapper-$(ARCH).zip (ARCH=x86_64|arm64)
	bash scripts/package.sh $(ARCH)

.PHONY: cli
cli: ## Publish the operator CLI (Native AOT) to artifacts/cli/attrmapper; scripts/attrmapper runs it (docs/cli.md)
	bash scripts/publish-cli.sh

.PHONY: test
test: tools ## Run every test (unit, loopback, AOT end to end incl. the CLI, Terraform) and print "N passed, N failed"
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	bash scripts/package.sh x86_64
	bash scripts/publish-cli.sh
	status=0
	ATTRMAPPER_BOOTSTRAP="$$PWD/artifacts/publish/x86_64/bootstrap" ATTRMAPPER_CLI="$$PWD/artifacts/cli/attrmapper" \
	  dotnet test AttrMapper.sln -nologo --logger "trx" --results-directory $(RESULTS) \
	    --logger "console;verbosity=minimal" || status=1
	if [ -f terraform/test.sh ]; then bash terraform/test.sh $(RESULTS) || status=1; fi
	python3 scripts/test-summary.py $(RESULTS) || status=1
	exit $$status

.PHONY: demo
demo: tools ## Run the whole migration end to end against local peers
	if [ -f scripts/demo.sh ]; then bash scripts/demo.sh; else echo "demo: not built yet"; fi

.PHONY: demo-split
demo-split: tools ## One old pool split per tenant: acme and globex users, two new pools, each with its own published bootstrap and map
	bash scripts/demo.sh --split

.PHONY: bench
bench: ## Run every benchmark: the map engine (BenchmarkDotNet), then the runtime benchmarks (bench/RUNTIME-RESULTS.md)
	if [ -f scripts/bench.sh ]; then bash scripts/bench.sh; else dotnet run -c Release --project bench/AttrMapper.Benchmarks -- --filter '*MapBenchmarks*'; fi
	$(MAKE) bench-runtime

.PHONY: bench-sweep
bench-sweep: ## The cutover sweep of 100,000 scripted users: users/s, peak RSS, the ListUsers quota's floor (bench/SWEEP-RESULTS.md)
	bash scripts/bench-sweep.sh

.PHONY: bench-runtime
bench-runtime: ## AOT vs JIT against the §8 budgets (cold start, warm trip, CPU, RSS, zip): writes bench/RUNTIME-RESULTS.md
	bash scripts/bench-runtime.sh

.PHONY: deploy
deploy: ## terraform apply the complete example with the packaged zip (needs AWS credentials)
	test -f dist/attrmapper-$(ARCH).zip || $(MAKE) package ARCH=$(ARCH)
	cd terraform/examples/complete
	terraform init
	terraform apply -var "package_path=$$PWD/../../../dist/attrmapper-$(ARCH).zip" -var "architecture=$(ARCH)"

.PHONY: clean
clean: ## Remove build output, packages and test results
	rm -rf artifacts dist
	dotnet clean AttrMapper.sln -nologo -v quiet
