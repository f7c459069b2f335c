#!/usr/bin/env python3
"""make bench-scale's report: OUT_DIR/guests-RUN/KVER/out/eoip_bench_scale/
(scale.txt and iperf3's JSON, from bench/scale_guest.sh) of each guest run
that happened (rate, times, cpus16) into tables on stdout and in
OUT_DIR/results.md, and a chart of the receive rates against the tunnel
count, OUT_DIR/cost.svg.

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


TIMES = [  # scale.txt's name, what it is, the count's name: the times run's
    ("tool_add_ms", "made by the tool, one eoip add each", "tunnels_tool"),
    ("tool_del_ms", "deleted by the tool, one eoip del each", "tunnels_tool"),
    ("batch_add_ms", "made by ip -batch, one request each", "tunnels_timed"),
    ("batch_del_ms", "deleted by ip -batch, one request each", "tunnels_timed"),
    ("tool_starts_ms", "eoip version (the tool's start alone)", "tool_starts"),
]
LISTINGS = [("list", "eoip list"), ("show", "eoip show"), ("json_list", "eoip -j list")]


def guests(out_dir, run):
    """(kernel, its output directory) of each guest of RUN."""
    run_dir = out_dir / f"guests-{run}"
    if not run_dir.is_dir():
        return []
    return [(g.name, g / "out" / SCENARIO) for g in sorted(run_dir.iterdir())
            if g.is_dir() and not g.name.startswith(".")]


def seconds(figures, name):
    return f"{figures[name][0] / 1000:.1f} s"


def rate_table(kernel, out, counts, lines):
    """The rate run's table; returns the rates for the chart, and whether
    one was missing."""
    lines.append(f"### {kernel}: receive rate through one tunnel (1 vCPU, "
                 "instruction-counted time)\n")
    lines.append("| tunnels in a | UDP 64 B received, packets/s | vs 1 tunnel "
                 "| TCP, Mbit/s | vs 1 tunnel |")
    lines.append("|---:|---:|---:|---:|---:|")
    udp, tcp, missing = {}, {}, False
    for count in counts:
        try:
            udp[count] = udp_rate(out / f"rate-{count}-udp64.json")
            tcp[count] = tcp_rate(out / f"rate-{count}-tcp.json")
        except (OSError, KeyError, ValueError) as err:
            print(f"{kernel}: {count} tunnels: no figure ({err})")
            missing = True
            continue
        if 1 in udp:
            lines.append(f"| {count} | {udp[count]:.0f} | {udp[count] / udp[1]:.3f} | "
                         f"{tcp[count] / 1e6:.0f} | {tcp[count] / tcp[1]:.3f} |")
    lines.append("")
    return (udp, tcp), missing


def times_table(kernel, figures):
    """The times run's tables, as lines (KeyError when a figure is missing)."""
    lines = []
    listed = figures["tunnels_listed"][0]
    lines.append(f"### {kernel}: times ({figures['vcpus'][0]} vCPUs, real time "
                 "under TCG: they move with the host's load)\n")
    lines.append("| | tunnels (runs) | wall time | each |")
    lines.append("|---|---:|---:|---:|")
    for name, what, count in TIMES:
        n = figures[count][0]
        lines.append(f"| {what} | {n} | {seconds(figures, name)} | "
                     f"{figures[name][0] / n:.1f} ms |")
    lines.append("")
    lines.append(f"{listed} tunnels: made by ip -batch in "
                 f"{seconds(figures, 'batch_add_all_ms')}, deleted by one "
                 f"ip link del group in {seconds(figures, 'delete_all_ms')}.\n")
    lines.append(f"| with {listed} tunnels | wall time | peak RSS | lines |")
    lines.append("|---|---:|---:|---:|")
    for name, what in LISTINGS:
        lines.append(f"| {what} | {seconds(figures, name + '_ms')} | "
                     f"{figures[name + '_rss'][0] / 1024:.1f} MiB | "
                     f"{figures[name + '_lines'][0]} |")
    lines.append("")
    return lines


def main():
    out_dir = pathlib.Path(sys.argv[1])
    counts = [1] + [int(n) for n in sys.argv[2].split()]
    missing = False
    lines = []
    charts = {}
    memory = []
    runs = [run for run in ("rate", "times", "cpus16") if guests(out_dir, run)]
    if not runs:
        print(f"no guest ran: nothing under {out_dir}/guests-*")
        return 1
    for run in runs:
        for kernel, out in guests(out_dir, run):
            if not (out / "scale.txt").exists():
                print(f"{run}, {kernel}: no results (see {out_dir}/guests-{run}/"
                      f"{kernel}/logs/{SCENARIO}.log)")
                missing = True
                continue
            figures = read_kernel(out)
            try:
                memory.append((kernel, figures["vcpus"][0],
                               figures["memory_per_tunnel_down"][0],
                               figures["memory_per_tunnel_up"][0]))
                if run == "rate":
                    charts[kernel], rates_missing = rate_table(kernel, out, counts, lines)
                    missing = missing or rates_missing
                elif run == "times":
                    lines += times_table(kernel, figures)
            except KeyError as err:
                print(f"{run}, {kernel}: no figure {err}")
                missing = True
    lines.append("### kernel memory per tunnel (unreclaimable slab + per-CPU)\n")
    lines.append("| kernel | vCPUs | a tunnel down | up |")
    lines.append("|---|---:|---:|---:|")
    for kernel, vcpus, down, up in sorted(memory):
        lines.append(f"| {kernel} | {vcpus} | {down} B | {up} B |")
    text = "\n".join(lines)
    print(text)
    (out_dir / "results.md").write_text(text + "\n")
    if charts:
        write_chart(out_dir / "cost.svg", charts)
        print(f"chart: {out_dir / 'cost.svg'}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
