# eoip: the project's verbs. Each is a line or two; the work is done by the
# scripts in scripts/, testbed/ and tests/vm/.
#
#   make deps              install what building and testing need (Debian 12)
#   make                   the tool, ip's link_eoip.so plugin (for the ip on
#                          PATH, or IP=...), and the module for the running
#                          kernel (or KVER=6.12.117+deb12-amd64)
#   make check             lint, demo, host tests, then every scenario on every
#                          test kernel under QEMU; subsets: KERNELS=6.12 SCENARIOS=veth_ping
#   make check-selftest    prove that the test bed reports failures
#   make check-debug       every scenario at full fuzz sizes on a KASAN,
#                          lockdep and kmemleak kernel (built once, long)
#   make lint              shellcheck, checkpatch and the tool's warnings
#   sudo make install      module into /lib/modules/$KVER/updates + depmod,
#                          tool into $(PREFIX)/sbin, link_eoip.so and
#                          link_eoipv6.so into ip's library directory
#                          (/usr/lib/<multiarch>/ip), eoip@.service, the
#                          ifupdown hooks, /etc/eoip/ (DESTDIR= for staging)
#   make deb               the Debian packages eoip-dkms and eoip, in build/deb/
#   make bench-scale       one tunnel's receive rate among up to 65,536, the
#                          time to make, delete and list thousands, kernel
#                          memory per tunnel at 1, 2 and 16 CPUs
#                          (bench/scale.sh)
#   make clean

KVER ?= $(shell uname -r)
PREFIX ?= /usr/local
DESTDIR ?=
MODULE_BUILD = build/kbuild/$(KVER)

.PHONY: all tool iplink module deps check check-selftest check-debug lint install deb bench bench-scale demo clean

all: tool iplink module

tool:
	$(MAKE) -C tool

iplink:
	$(MAKE) -C iplink

module:
	scripts/build-module.sh "$(KVER)" kernel "$(MODULE_BUILD)"

deps:
	scripts/deps.sh

# A whole run lints and runs the demo first (so that neither documented
# command can rot unnoticed); one narrowed by KERNELS= or SCENARIOS= does not.
check:
	@if [ -z "$(KERNELS)$(SCENARIOS)" ]; then scripts/lint.sh && tests/vm/demo.sh; fi
	KERNELS="$(KERNELS)" SCENARIOS="$(SCENARIOS)" testbed/run-guests.sh

check-selftest:
	KERNELS="$(KERNELS)" tests/vm/selftest.sh

check-debug:
	SCENARIOS="$(SCENARIOS)" tests/vm/check-debug.sh

lint:
	scripts/lint.sh

install: all
	scripts/install.sh "$(KVER)" "$(MODULE_BUILD)/kernel" "$(DESTDIR)" "$(PREFIX)"
	$(MAKE) -C iplink install DESTDIR="$(DESTDIR)"

deb:
	scripts/build-deb.sh build/deb

bench:
	bench/run.sh

bench-scale:
	bench/scale.sh

demo:
	tests/vm/demo.sh

clean:
	rm -rf build
	$(MAKE) -C tool clean
	$(MAKE) -C iplink clean
