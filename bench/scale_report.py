#!/usr/bin/env python3
"""make bench-scale's report: build/bench-scale/guests/KVER/out/eoip_bench_scale/
(scale.txt and iperf3's JSON, from bench/scale_guest.sh) into one table per
kernel on stdout and in OUT_DIR/results.md, and a chart of the receive
rates against the tunnel count, OUT_DIR/cost.svg.

usage: scale_report.py OUT_DIR "COUNT..."
Exits 1 when a figure is missing: a run that did not happen is not a result.
"""
import json
import math
import pathlib
import sys

SCENARIO = "eoip_bench_scale"


def udp_rate(path):
    """Datagrams a received per second, from the client's JSON (b -> a)."""
    end = json.loads(path.read_text())["end"]["sum"]
    return (end["packets"] - end["lost_packets"]) / end["seconds"]


def tcp_rate(path):
    return json.loads(path.read_text())["end"]["sum_received"]["bits_per_second"]


def read_kernel(out):
    figures = {}
    for line in (out / "scale.txt").read_text().splitlines():
        name, value, unit = line.split()
        figures[name] = (int(value), unit)
    return figures


def write_chart(path, charts):
    """Receive rate against tunnel count (log scale), as a ratio to the rate
    with one tunnel: a plain SVG, no plotting library needed."""
    width, height, left, bottom, top, right = 640, 360, 70, 50, 20, 20
    series = []
    for kernel, (udp, tcp) in charts.items():
        for name, rates in (("UDP 64 B", udp), ("TCP", tcp)):
            if 1 in rates:
                series.append((f"{kernel}: {name}",
                               [(n, rates[n] / rates[1]) for n in sorted(rates)]))
    counts = sorted({n for _, points in series for n, _ in points}) or [1, 10]
    ratios = [r for _, points in series for _, r in points] or [1]
    lo, hi = min(0.9, min(ratios)), max(1.1, max(ratios))
    span = math.log10(max(counts)) or 1

    def x(n):
        return left + (width - left - right) * math.log10(n) / span

    def y(r):
        return height - bottom - (height - bottom - top) * (r - lo) / (hi - lo)

    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" '
           f'y2="{height - bottom}" stroke="black"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>']
    for n in counts:
        out.append(f'<text x="{x(n):.1f}" y="{height - bottom + 16}" '
                   f'text-anchor="middle">{n}</text>')
    for r in (lo, 1.0, hi):
        out.append(f'<text x="{left - 6}" y="{y(r) + 4:.1f}" text-anchor="end">{r:.2f}</text>')
        out.append(f'<line x1="{left}" y1="{y(r):.1f}" x2="{width - right}" y2="{y(r):.1f}" '
                   'stroke="#ccc"/>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" '
               'text-anchor="middle">tunnels in the receiving namespace (log scale)</text>')
    out.append(f'<text x="14" y="{(top + height - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 14 {(top + height - bottom) / 2})">'
               'rate / rate with 1 tunnel</text>')
    for i, (label, points) in enumerate(series):
        colour = colours[i % len(colours)]
        path_points = " ".join(f"{x(n):.1f},{y(r):.1f}" for n, r in points)
        out.append(f'<polyline points="{path_points}" fill="none" stroke="{colour}"/>')
        for n, r in points:
            out.append(f'<circle cx="{x(n):.1f}" cy="{y(r):.1f}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{left + 10}" y="{top + 16 + 16 * i}" fill="{colour}">{label}</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def main():
    out_dir = pathlib.Path(sys.argv[1])
    counts = [1] + [int(n) for n in sys.argv[2].split()]
    missing = False
    lines = []
    charts = {}
    for guest in sorted(g for g in (out_dir / "guests").iterdir()
                        if g.is_dir() and not g.name.startswith(".")):
        out = guest / "out" / SCENARIO
        if not (out / "scale.txt").exists():
            print(f"{guest.name}: no results (see {guest}/logs/{SCENARIO}.log)")
            missing = True
            continue
        figures = read_kernel(out)
        lines.append(f"### {guest.name}\n")
        lines.append("| tunnels in a | UDP 64 B received, packets/s | vs 1 tunnel | TCP, Mbit/s | vs 1 tunnel |")
        lines.append("|---:|---:|---:|---:|---:|")
        udp = {}
        tcp = {}
        for count in counts:
            try:
                udp[count] = udp_rate(out / f"rate-{count}-udp64.json")
                tcp[count] = tcp_rate(out / f"rate-{count}-tcp.json")
            except (OSError, KeyError, ValueError) as err:
                print(f"{guest.name}: {count} tunnels: no figure ({err})")
                missing = True
                continue
            lines.append(f"| {count} | {udp[count]:.0f} | {udp[count] / udp[1]:.3f} | "
                         f"{tcp[count] / 1e6:.0f} | {tcp[count] / tcp[1]:.3f} |")
        lines.append("")
        for name, (value, unit) in figures.items():
            lines.append(f"- {name}: {value} {unit}")
        lines.append("")
        charts[guest.name] = (udp, tcp)
    text = "\n".join(lines)
    print(text)
    (out_dir / "results.md").write_text(text + "\n")
    write_chart(out_dir / "cost.svg", charts)
    print(f"chart: {out_dir / 'cost.svg'}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
