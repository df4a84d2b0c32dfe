"""The numpy baseline of bench/simulatePaths.ts: the work of one simulate() call written the
idiomatic numpy way (a loop over trades, vectorised over paths; then the summary), timed
here and printed as JSON. Run by the benchmark with /usr/bin/python3 when it imports
numpy. Usage: python3 simulatePaths.numpy.py '<json cases>'."""
import json
import sys
import time

import numpy as np


def simulate(case, rng):
    paths, trades = case["paths"], case["trades"]
    x = np.zeros(paths)
    peak = np.zeros(paths)
    drawdown = np.zeros(paths)
    low = np.zeros(paths)
    if case["kind"] == "binary":
        p, a, b = case["winProbability"], case["lnWin"], case["lnLoss"]
        for _ in range(trades):
            x += np.where(rng.random(paths) < p, a, b)
            np.maximum(peak, x, out=peak)
            np.maximum(drawdown, peak - x, out=drawdown)
            np.minimum(low, x, out=low)
    else:
        table = np.asarray(case["table"])
        for _ in range(trades):
            x += table[rng.integers(0, len(table), paths)]
            np.maximum(peak, x, out=peak)
            np.maximum(drawdown, peak - x, out=drawdown)
            np.minimum(low, x, out=low)
    return x, drawdown, low


def summarize(case, x, drawdown, low):
    q = [50] + [100 * p for p in case["percentiles"]]
    tol = case["tolerance"]
    wealth = np.exp(x)
    return {
        "mean": wealth.mean(),
        "wealth": np.percentile(wealth, q),
        "growth": x.mean() / case["trades"],
        "loss": (x < -tol).mean(),
        "ruin": (low <= np.log(case["ruinLevel"]) + tol).mean(),
        "drawdowns": [(drawdown >= -np.log1p(-level) - tol).mean() for level in case["drawdownLevels"]],
        "maxDrawdown": np.percentile(-np.expm1(-drawdown), q),
    }


def main():
    cases = json.loads(sys.argv[1])
    out = []
    for case in cases:
        rng = np.random.default_rng(case["seed"])
        times = []
        for _ in range(case["runs"] + 1):  # the first run warms up
            start = time.perf_counter()
            summarize(case, *simulate(case, rng))
            times.append((time.perf_counter() - start) * 1000)
        times = sorted(times[1:])
        out.append({"name": case["name"], "meanMs": sum(times) / len(times), "medianMs": times[len(times) // 2], "samples": len(times)})
    print(json.dumps(out))


main()
