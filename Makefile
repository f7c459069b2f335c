# eoip: the project's verbs. Each is a line or two; the work is done by the
# scripts in scripts/ and tests/vm/.
#
#   make deps              install what building and testing need (Debian 12)
#   make                   the tool, and the module for the running kernel
#                          (or KVER=6.12.117+deb12-amd64)
#   make check             host unit tests, then every scenario on every test
#                          kernel under QEMU; subsets: KERNELS=6.12 SCENARIOS=veth_ping
#   make check-selftest    prove that the test bed reports failures
#   make check-debug       every scenario at full fuzz sizes on a KASAN,
#                          lockdep and kmemleak kernel (built once, long)
#   make lint              shellcheck, checkpatch and the tool's warnings
#   sudo make install      module into /lib/modules/$KVER/updates + depmod,
#                          tool into $(PREFIX)/sbin (DESTDIR= for staging)
#   make clean

KVER ?= $(shell uname -r)
PREFIX ?= /usr/local
DESTDIR ?=
MODULE_BUILD = build/kbuild/$(KVER)

.PHONY: all tool module deps check check-selftest check-debug lint install bench demo clean

all: tool module

tool:
	$(MAKE) -C tool

module:
	scripts/build-module.sh "$(KVER)" kernel "$(MODULE_BUILD)"

deps:
	scripts/deps.sh

# A whole run lints first; one narrowed by KERNELS= or SCENARIOS= does not.
check:
	@if [ -z "$(KERNELS)$(SCENARIOS)" ]; then scripts/lint.sh; fi
	KERNELS="$(KERNELS)" SCENARIOS="$(SCENARIOS)" tests/vm/check.sh

check-selftest:
	KERNELS="$(KERNELS)" tests/vm/selftest.sh

check-debug:
	SCENARIOS="$(SCENARIOS)" tests/vm/check-debug.sh

lint:
	scripts/lint.sh

install: all
	scripts/install.sh "$(KVER)" "$(MODULE_BUILD)/kernel" "$(DESTDIR)" "$(PREFIX)"

bench:
	bench/run.sh

demo:
	tests/vm/demo.sh

clean:
	rm -rf build
	$(MAKE) -C tool clean
