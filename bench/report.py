#!/usr/bin/env python3
"""report.py OUT_DIR TCP1_SECONDS SECONDS: make bench's tables.

Reads the iperf3 JSON that bench/guest.sh left in
OUT_DIR/guests/<kernel>/out/eoip_bench/LINK-TEST.json, prints one Markdown
table per kernel and writes OUT_DIR/results.json, OUT_DIR/results.md and,
when matplotlib is installed, OUT_DIR/ratios.png. Exit status 1 when any test
of any kernel has no figure (it did not run, or iperf3 reported an error).
"""
import json
import os
import sys
import textwrap

SCENARIO = "eoip_bench"
# (link, test) pairs that bench/guest.sh runs.
LINKS = ["veth", "gretap", "eoip", "ip6gretap", "eoipv6"]
TESTS = ["tcp1", "tcp4", "udp64", "udp1400"]
RUNS = [(link, test) for link in LINKS for test in TESTS] + [
    ("eoip1500", "tcp1"), ("gretap1500", "tcp1"), ("gretap_inherit", "tcp1"),
    ("gretap_nogso", "tcp1"), ("ip6gretap_nogso", "tcp1")]
UDP_LENGTH = {"udp64": 64, "udp1400": 1400}

# Table columns: a link's figure, or the ratio of two.
COLUMNS = [
    ("veth", "veth"),
    ("gretap", "gretap"),
    ("EoIP", "eoip"),
    ("EoIP/gretap", ("eoip", "gretap")),
    ("ip6gretap", "ip6gretap"),
    ("EoIPv6", "eoipv6"),
    ("EoIPv6/ip6gretap", ("eoipv6", "ip6gretap")),
]
# Table rows: (key, label, test, metric, ratio?). Two rows put EoIP at MTU
# 1500 (outer fragments) in the EoIP column, against gretap at 1458 (the
# issue's target), then against gretap at 1500 fragmenting likewise; one puts
# gretap with tos inherit against EoIP, whose default is dscp inherit; the
# last two put gretap and ip6gretap with TSO and GSO off in their columns.
# Row key -> {column link: link whose figure goes there}; other columns empty.
SUBSTITUTE = {
    "eoip1500_tcp1": {"eoip": "eoip1500", "gretap": "gretap"},
    "frag1500_tcp1": {"eoip": "eoip1500", "gretap": "gretap1500"},
    "inherit_tcp1": {"eoip": "eoip", "gretap": "gretap_inherit"},
    "nogso_tcp1": {"eoip": "eoip", "gretap": "gretap_nogso"},
    "nogso6_tcp1": {"eoipv6": "eoipv6", "ip6gretap": "ip6gretap_nogso"},
}
ROWS = [
    ("tcp1", "TCP 1 stream, Mbit/s", "tcp1", "mbit_s", True),
    ("tcp4", "TCP 4 streams, Mbit/s", "tcp4", "mbit_s", True),
    ("udp64_kpps", "UDP 64 B, received kpps", "udp64", "kpps", True),
    ("udp64_loss", "UDP 64 B, loss %", "udp64", "loss_percent", False),
    ("udp1400_mbit", "UDP 1400 B, received Mbit/s", "udp1400", "mbit_s", True),
    ("udp1400_loss", "UDP 1400 B, loss %", "udp1400", "loss_percent", False),
    ("eoip1500_tcp1", "TCP 1 stream, EoIP MTU 1500 vs gretap 1458, Mbit/s", "tcp1", "mbit_s", True),
    ("frag1500_tcp1", "TCP 1 stream, MTU 1500 both, outer fragments, Mbit/s", "tcp1", "mbit_s",
     True),
    ("inherit_tcp1", "TCP 1 stream, gretap tos inherit (EoIP: dscp inherit), Mbit/s", "tcp1",
     "mbit_s", True),
    ("nogso_tcp1", "TCP 1 stream, gretap with GSO off, Mbit/s", "tcp1", "mbit_s", True),
    ("nogso6_tcp1", "TCP 1 stream, ip6gretap with GSO off, Mbit/s", "tcp1", "mbit_s", True),
]


def figures(test, data):
    """The figures of one iperf3 client's JSON, or raise ValueError."""
    if "error" in data:
        raise ValueError("iperf3: " + data["error"])
    end = data["end"]
    received, sent = end["sum_received"], end["sum_sent"]
    if not received["bytes"] or not received["seconds"]:
        raise ValueError("nothing received")
    result = {
        "seconds": round(received["seconds"], 3),
        "mbit_s": round(received["bits_per_second"] / 1e6, 1),
    }
    if test in UDP_LENGTH:
        packets = received["bytes"] / UDP_LENGTH[test]
        result["kpps"] = round(packets / received["seconds"] / 1e3, 2)
        result["sent_kpps"] = round(sent["packets"] / sent["seconds"] / 1e3, 2)
        result["loss_percent"] = round(received["lost_percent"], 2)
    else:
        result["retransmits"] = sent.get("retransmits")
    return result


def read_kernel(directory):
    """{link: {test: figures}} and the list of failures of one kernel."""
    results, failed = {}, []
    for link, test in RUNS:
        path = os.path.join(directory, "out", SCENARIO, f"{link}-{test}.json")
        try:
            with open(path) as file:
                results.setdefault(link, {})[test] = figures(test, json.load(file))
        except FileNotFoundError:
            failed.append(f"{link} {test}: did not run ({path} missing)")
        except (ValueError, KeyError, TypeError, ZeroDivisionError) as error:
            failed.append(f"{link} {test}: {error} ({path})")
    return results, failed


def rows(results):
    """The table of one kernel: a list of dicts, one per row."""
    table = []
    for key, label, test, metric, with_ratio in ROWS:
        def value(link):
            if key in SUBSTITUTE:
                link = SUBSTITUTE[key].get(link)
                if link is None:
                    return None
            return results.get(link, {}).get(test, {}).get(metric)

        row = {"key": key, "test": label}
        for title, column in COLUMNS:
            if isinstance(column, tuple):
                top, bottom = value(column[0]), value(column[1])
                row[title] = (round(top / bottom, 2)
                              if with_ratio and top is not None and bottom else None)
            else:
                row[title] = value(column)
        table.append(row)
    return table


def cell(value):
    if value is None:
        return "-"
    return f"{value:.2f}" if abs(value) < 100 else f"{value:.1f}"


def markdown(table):
    header = ["test"] + [title for title, _ in COLUMNS]
    lines = [[row["test"]] + [cell(row[title]) for title, _ in COLUMNS] for row in table]
    widths = [max(len(line[i]) for line in [header] + lines) for i in range(len(header))]

    def joined(cells):
        return "| " + " | ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([joined(header), rule] + [joined(line) for line in lines])


def chart(report, path):
    """Grouped bars of the EoIP/gretap ratios per kernel, if matplotlib is there."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    ratios = [(row["test"], row["EoIP/gretap"], row["EoIPv6/ip6gretap"])
              for row in next(iter(report["kernels"].values()))["rows"]
              if row["key"] not in ("udp64_loss", "udp1400_loss")]
    kernels = list(report["kernels"])
    bars = [(kver, column) for kver in kernels for column in ("EoIP/gretap", "EoIPv6/ip6gretap")]
    figure, axes = plt.subplots(figsize=(11, 5))
    width = 0.8 / len(bars)
    for index, (kver, column) in enumerate(bars):
        values = [row[column] for row in report["kernels"][kver]["rows"]
                  if row["key"] not in ("udp64_loss", "udp1400_loss")]
        bars_drawn = axes.bar([i + index * width for i in range(len(values))],
                              [value or 0 for value in values], width, label=f"{column} {kver}")
        axes.bar_label(bars_drawn, labels=["" if value is None else f"{value:.2f}"
                                           for value in values], fontsize=6)
    axes.axhline(1.0, color="black", linewidth=0.8)
    axes.set_xticks([i + 0.4 - width / 2 for i in range(len(ratios))])
    # The label without its unit (a ratio has none), wrapped to fit its bars.
    axes.set_xticklabels(["\n".join(textwrap.wrap(label.rsplit(", ", 1)[0], 16))
                          for label, _, _ in ratios], fontsize=7)
    axes.set_ylabel("ratio (1.0 = as fast as Linux's gretap)")
    axes.set_title("make bench: EoIP against gretap, same boot, instruction-counted")
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    return True


def main():
    out_dir, tcp1_seconds, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    guests = os.path.join(out_dir, "guests")
    kernels = sorted(name for name in os.listdir(guests)
                     if os.path.isdir(os.path.join(guests, name)))
    report = {
        "method": {
            "qemu": "-accel tcg,thread=single -icount shift=0,sleep=off -smp 1",
            "tool": "iperf3, namespace a -> b, figures at the receiver",
            "tcp1_seconds": tcp1_seconds,
            "other_seconds": seconds,
            "mtu": {"gretap": 1458, "eoip": 1458, "eoip1500": 1500, "gretap1500": 1500,
                    "gretap_inherit": 1458, "gretap_nogso": 1458,
                    "ip6gretap": 1438, "eoipv6": 1438,
                    "ip6gretap_nogso": 1438},
        },
        "kernels": {},
    }
    failures = 0
    text = [f"# make bench\n\nInstruction-counted QEMU guest (one vCPU); iperf3 from one "
            f"namespace to another over veth; TCP one stream {tcp1_seconds} s, other tests "
            f"{seconds} s each. MTU: gretap and EoIP 1458, ip6gretap and EoIPv6 1438; "
            f"EoIP at 1500 over the 1500-byte underlay in the rows that say so, against "
            f"gretap at 1458, then gretap fragmenting likewise; then gretap with tos "
            f"inherit (EoIP's default is dscp inherit); in the last two rows "
            f"gretap and ip6gretap with TSO and GSO off. "
            f"Ratios above 1 mean EoIP is faster.\n"]
    for kver in kernels:
        results, failed = read_kernel(os.path.join(guests, kver))
        table = rows(results)
        report["kernels"][kver] = {"tests": results, "rows": table, "failed": failed}
        failures += len(failed)
        text.append(f"## {kver}\n\n{markdown(table)}\n")
        if failed:
            text.append("Tests that did not run:\n\n" + "".join(f"- {f}\n" for f in failed))
    if not kernels:
        text.append("No kernel was benchmarked.\n")
        failures += 1
    with open(os.path.join(out_dir, "results.json"), "w") as file:
        json.dump(report, file, indent=2)
        file.write("\n")
    with open(os.path.join(out_dir, "results.md"), "w") as file:
        file.write("\n".join(text))
    print("\n".join(text))
    written = "results.json, results.md"
    if kernels and chart(report, os.path.join(out_dir, "ratios.png")):
        written += ", ratios.png"
    print(f"written to {out_dir}/: {written}")
    if failures:
        print(f"{failures} test(s) did not run", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
