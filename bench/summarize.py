#!/usr/bin/python3
"""Reads the logs of bench/run, prints a table and one JSON line of all figures, writes bench/results.json.

Usage: summarize.py LOG_DIR RESULTS_JSON MODE
       summarize.py --disturbed LOG_DIR NAME...   exit 0 if any of the runs was disturbed (see foreign_cores)
"""
import datetime
import json
import statistics
import os
import platform
import re
import sys

FLOP_PER_EXAMPLE = 3.28e6  # 784-400-20-400-784, forward + backward matrix multiplies per example per epoch


def events(path):
    out = []
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
    return out


def last(logs, name, event):
    found = [e for e in events(os.path.join(logs, name + ".out")) if e.get("event") == event]
    return found[-1] if found else None


def time_v(logs, name):
    """Peak RSS (MB) and wall seconds from /usr/bin/time -v."""
    path = os.path.join(logs, name + ".time")
    if not os.path.exists(path):
        return None, None
    text = open(path).read()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
    wall_s = None
    if wall:
        wall_s = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return (int(rss.group(1)) / 1024.0 if rss else None), wall_s


# More CPU time than this from other processes, in cores, during a run marks it as disturbed
DISTURBED_CORES = 0.25


def foreign_cores(logs, name):
    """What else ran during run NAME, in cores: the machine's busy CPU time (/proc/stat, steal included) minus the
    run's own (user + system from /usr/bin/time -v), per second of its wall time, minus the background load the mode
    sets up on purpose. None when not recorded."""
    load_path = os.path.join(logs, name + ".load")
    time_path = os.path.join(logs, name + ".time")
    if not (os.path.exists(load_path) and os.path.exists(time_path)):
        return None
    load = json.load(open(load_path))
    text = open(time_path).read()
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if not (user and system) or load["wall_s"] <= 0:
        return None
    own = float(user.group(1)) + float(system.group(1))
    return (load["machine_busy_s"] - own) / load["wall_s"] - load.get("background_cores", 0)


def disturbed(logs, name):
    f = foreign_cores(logs, name)
    return f is not None and f > DISTURBED_CORES


def rounds_of(logs, prefix):
    k = 0
    while last(logs, "%s-%d" % (prefix, k + 1), "result"):
        k += 1
    return k


def pooled(logs, prefix, excluded=()):
    """The training runs PREFIX-1, PREFIX-2, ... of one system pooled, but for the rounds in EXCLUDED (disturbed):
    every epoch of every run counts for the min and the median; test -ELBO and inference from the first run; peak
    RSS the largest."""
    runs = []
    foreign = []
    k = 1
    while True:
        name = "%s-%d" % (prefix, k)
        r = last(logs, name, "result")
        if not r:
            break
        foreign.append(rnd(foreign_cores(logs, name), 2))
        if k not in excluded:
            rss, wall = time_v(logs, name)
            runs.append((r, rss if rss is not None else r.get("peak_rss_mb"), wall))
        k += 1
    if not runs:
        return None
    out = dict(runs[0][0])
    epochs = [s for r, _, _ in runs for s in r["seconds"]]
    out["rounds"] = len(runs)
    out["foreign_cores"] = foreign
    out["seconds"] = [r["seconds"] for r, _, _ in runs]
    out["s_per_epoch_min"] = min(epochs)
    out["s_per_epoch_median"] = statistics.median(epochs)
    rss = [m for _, m, _ in runs if m is not None]
    out["peak_rss_mb"] = max(rss) if rss else None
    train_eval = [r["peak_rss_train_eval_mb"] for r, _, _ in runs if r.get("peak_rss_train_eval_mb")]
    out["peak_rss_train_eval_mb"] = max(train_eval) if train_eval else None
    out["process_wall_s"] = [w for _, _, w in runs]
    elbos = {round(r["test_neg_elbo"], 2) for r, _, _ in runs}
    if len(elbos) > 1:
        print("NOTE: %s: test -ELBO differs between runs of the same seed: %s" % (prefix, sorted(elbos)))
    return out


def rnd(v, digits=3):
    return None if v is None else round(v, digits)


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    if sys.argv[1] == "--disturbed":
        sys.exit(0 if any(disturbed(sys.argv[2], n) for n in sys.argv[3:]) else 1)
    logs, results_path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    res = {"bench": "vae-nodes issue 7", "mode": mode,
           "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "machine": {"cpu": cpu_model(), "cores": os.cpu_count(),
                       "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
           "env": {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
                   "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY")},
           "network": "784-400-20 Bernoulli VAE, Adam 1e-3, batch 128, seed 1",
           "flop_per_example_epoch": FLOP_PER_EXAMPLE}
    for name in ("load-start", "load-end"):
        p = os.path.join(logs, name + ".txt")
        if os.path.exists(p):
            m = re.search(r"load average: ([\d.]+)", open(p).read())
            res.setdefault("noise", {})[name.replace("-", "_") + "_1min"] = float(m.group(1)) if m else None
    other = os.path.join(logs, "other-builds.txt")
    res.setdefault("noise", {})["other_maven_build_running"] = os.path.exists(other) and os.path.getsize(other) > 0
    skips = os.path.join(logs, "skips.txt")
    res["skipped"] = [s for s in open(skips).read().splitlines() if s] if os.path.exists(skips) else []

    st = last(logs, "sgemm-torch", "sgemm")
    sn = last(logs, "sgemm-nd4j", "nd4j_sgemm")
    peak = st["gflops"] if st else (sn["gflops"] if sn else None)
    res["sgemm"] = {"peak_gflops": rnd(peak, 1),
                    "measured_with": ("torch.mm %d^2, OpenBLAS, 2 threads" % st["size"]) if st
                    else ("ND4J mmul %d^2" % sn["size"] if sn else None),
                    "torch": {k: rnd(v, 1) for k, v in st.items() if k.startswith("gflops")} if st else None,
                    "torch_blas": st.get("blas") if st else None,
                    "nd4j": {k: rnd(v, 1) for k, v in sn.items() if k.startswith("gflops")} if sn else None}

    rows = []
    for ds in ("sample", "fashion"):
        # a round stays disturbed only if its rerun was too (bench/run reruns a disturbed round once)
        excluded = [k for k in range(1, max(rounds_of(logs, ds + "-engine"), rounds_of(logs, ds + "-pytorch")) + 1)
                    if disturbed(logs, "%s-engine-%d" % (ds, k)) or disturbed(logs, "%s-pytorch-%d" % (ds, k))]
        rerun = sorted(int(m.group(1)) for f in os.listdir(logs)
                       for m in [re.match(r"%s-engine-(\d+)-disturbed\.out$" % ds, f)] if m)
        e = pooled(logs, ds + "-engine", excluded)
        p = pooled(logs, ds + "-pytorch", excluded)
        if not e and not p:
            continue
        entry = {"rounds_rerun_after_disturbance": rerun, "rounds_left_out_disturbed": excluded}
        if excluded:
            print("NOTE: %s: round(s) %s disturbed twice by other work on the machine (over %.2f cores): left out of "
                  "the pooled figures" % (ds, excluded, DISTURBED_CORES))
        for sysname, r in (("engine", e), ("pytorch", p)):
            if not r:
                entry[sysname] = None
                continue
            n = r["train_rows"]
            eff = FLOP_PER_EXAMPLE * n / r["s_per_epoch_median"] / 1e9
            entry[sysname] = {"epochs": r["epochs"], "rounds": r["rounds"], "train_rows": n,
                              "foreign_cores_per_round": r["foreign_cores"],
                              "spread_median_over_min": rnd(r["s_per_epoch_median"] / r["s_per_epoch_min"]),
                              "test_rows": r["test_rows"],
                              "s_per_epoch": [[rnd(s) for s in run] for run in r["seconds"]],
                              "s_per_epoch_min": rnd(r["s_per_epoch_min"]),
                              "s_per_epoch_median": rnd(r["s_per_epoch_median"]),
                              "test_neg_elbo": rnd(r["test_neg_elbo"], 2),
                              "peak_rss_mb": rnd(r["peak_rss_mb"], 0),
                              "process_wall_s": [rnd(w, 1) for w in r["process_wall_s"]],
                              "achieved_gflops": rnd(eff, 1),
                              "fraction_of_sgemm_peak": rnd(eff / peak, 3) if peak else None}
            if sysname == "engine":
                entry[sysname]["peak_rss_training_mb_vmhwm"] = rnd(r.get("peak_rss_training_mb"), 0)
                # after training and the test -ELBO, where the PyTorch script ends (peak_rss_mb adds the inference
                # timings that follow, which the script does not run)
                entry[sysname]["peak_rss_train_eval_mb_vmhwm"] = rnd(r.get("peak_rss_train_eval_mb"), 0)
                entry[sysname]["inference"] = {
                    "rows": r["infer_rows"],
                    "encode_s_min": rnd(r["encode_s_min"], 4), "encode_s_median": rnd(r["encode_s_median"], 4),
                    "decode_s_min": rnd(r["decode_s_min"], 4), "decode_s_median": rnd(r["decode_s_median"], 4),
                    "grid25_s_min": rnd(r["grid25_s_min"], 4), "grid25_s_median": rnd(r["grid25_s_median"], 4)}
        if e and p:
            entry["ratio_engine_over_pytorch_median"] = rnd(e["s_per_epoch_median"] / p["s_per_epoch_median"])
            entry["ratio_engine_over_pytorch_min"] = rnd(e["s_per_epoch_min"] / p["s_per_epoch_min"])
            # each round on its own (a round = one run of each system, back to back)
            per_round = [statistics.median(a) / statistics.median(b) for a, b in zip(e["seconds"], p["seconds"])]
            entry["ratio_median_per_round"] = [rnd(r) for r in per_round]
            # the rounds alternate the order (A B, B A, ...): the mean of their ratios cancels a steady drift of the
            # machine's speed, which the pooled median above cannot when one system ran mostly in a slow spell
            entry["ratio_engine_over_pytorch_rounds_mean"] = rnd(statistics.geometric_mean(per_round))
            entry["neg_elbo_diff"] = rnd(e["test_neg_elbo"] - p["test_neg_elbo"], 2)
            entry["neg_elbo_diff_pct"] = rnd(100 * (e["test_neg_elbo"] - p["test_neg_elbo"]) / p["test_neg_elbo"], 2)
        d = pooled(logs, ds + "-dl4j")
        if d:
            entry["dl4j_trainer"] = {"epochs": d["epochs"], "s_per_epoch_median": rnd(d["s_per_epoch_median"]),
                                     "s_per_epoch_min": rnd(d["s_per_epoch_min"]),
                                     "test_neg_elbo": rnd(d["test_neg_elbo"], 2),
                                     "ratio_over_pytorch_median": rnd(d["s_per_epoch_median"] / p["s_per_epoch_median"])
                                     if p else None,
                                     "ratio_over_fast_trainer_median": rnd(d["s_per_epoch_median"] / e["s_per_epoch_median"])
                                     if e else None}
        res["mnist_sample" if ds == "sample" else "fashion_mnist"] = entry
        rows.append((ds, entry))

    large = last(logs, "large-200k", "result")
    if large:
        rss, wall = time_v(logs, "large-200k")
        res["larger_than_heap"] = {k: (rnd(v, 3) if isinstance(v, float) else v) for k, v in large.items()
                                   if k not in ("event", "system")}
        res["larger_than_heap"]["peak_rss_mb_time_v"] = rnd(rss, 0)

    knode = last(logs, "node-knime", "node_knime")
    if knode:
        # the VAE Learner in KNIME's real WorkflowManager vs the engine alone, back-to-back pairs (issue 22)
        res["node_overhead_real_knime"] = {k: (rnd(v, 3) if isinstance(v, float) else v) for k, v in knode.items()
                                           if k != "event"}

    node = last(logs, "node-overhead", "node")
    if node:
        res["node_overhead"] = {k: (rnd(v, 3) if isinstance(v, float) else v) for k, v in node.items()
                                if k != "event"}
        if "node_epoch_s" in node:
            # what the node adds outside training (reading the table, building the outputs): immune to the +-20 %
            # the epochs themselves vary by on a shared 2-core machine
            n_out = statistics.median(a - b for a, b in zip(node["node_s"], node["node_epoch_s"]))
            e_out = statistics.median(a - b for a, b in zip(node["engine_s"], node["engine_epoch_s"]))
            node["outside_training_pct"] = 100 * (n_out - e_out) / statistics.median(node["engine_s"])
            res["node_overhead"]["node_outside_training_s_median"] = rnd(n_out, 3)
            res["node_overhead"]["engine_outside_training_s_median"] = rnd(e_out, 3)
            res["node_overhead"]["outside_training_pct"] = rnd(node["outside_training_pct"], 1)
        # repetition i ran the node and the engine back to back: the median of those pairs' ratios is the figure
        # the machine's drift moves least
        node["overhead_pct_paired_median"] = 100 * (statistics.median(
            a / b for a, b in zip(node["node_s"], node["engine_s"])) - 1)
        res["node_overhead"]["overhead_pct_paired_median"] = rnd(node["overhead_pct_paired_median"], 1)

    # ---- human-readable table
    def f(v, fmt="%.2f"):
        return "—" if v is None else fmt % v

    print()
    print("machine: %s, %d cores; %s; OMP_NUM_THREADS=%s OMP_WAIT_POLICY=%s" % (
        res["machine"]["cpu"], res["machine"]["cores"], res["date"], res["env"]["OMP_NUM_THREADS"],
        res["env"]["OMP_WAIT_POLICY"]))
    print("sgemm peak: %s GFLOP/s (%s)" % (f(peak, "%.1f"), res["sgemm"]["measured_with"]))
    if res["noise"].get("other_maven_build_running"):
        print("NOTE: another Maven build was running on the same cores: the timings are noisy")
    print()
    print("| data | system | epochs × runs | s/epoch min | s/epoch median | test −ELBO | peak RSS MB | GFLOP/s | of peak |")
    print("|---|---|---|---|---|---|---|---|---|")
    for ds, entry in rows:
        for sysname in ("engine", "pytorch"):
            r = entry.get(sysname)
            if not r:
                continue
            print("| %s %d/%d | %s | %d × %d | %.3f | %.3f | %.2f | %s | %s | %s |" % (
                "MNIST sample" if ds == "sample" else "Fashion-MNIST", r["train_rows"], r["test_rows"], sysname,
                r["epochs"], r["rounds"], r["s_per_epoch_min"], r["s_per_epoch_median"], r["test_neg_elbo"],
                f(r["peak_rss_mb"], "%.0f"), f(r["achieved_gflops"], "%.1f"),
                f(r["fraction_of_sgemm_peak"] and 100 * r["fraction_of_sgemm_peak"], "%.0f %%")))
        if "ratio_engine_over_pytorch_median" in entry:
            print("|  | engine/PyTorch | | %.2f | %.2f | %+.2f (%+.2f %%) | | | |" % (
                entry["ratio_engine_over_pytorch_min"], entry["ratio_engine_over_pytorch_median"],
                entry["neg_elbo_diff"], entry["neg_elbo_diff_pct"]))
            print("|  | each round back to back (medians) | | | %s → **%.2f** | | | | |" % (
                " / ".join("%.2f" % x for x in entry["ratio_median_per_round"]),
                entry["ratio_engine_over_pytorch_rounds_mean"]))
    for ds, entry in rows:
        e, p = entry.get("engine"), entry.get("pytorch")
        if e and p and e.get("peak_rss_train_eval_mb_vmhwm") and p.get("peak_rss_mb"):
            print("memory, %s: peak RSS after training and the test −ELBO (the PyTorch script's whole work) engine "
                  "%.0f MB vs PyTorch %.0f MB: %+.0f MB; the engine's whole process, with the inference timings, "
                  "%.0f MB" % ("MNIST sample" if ds == "sample" else "Fashion-MNIST",
                               e["peak_rss_train_eval_mb_vmhwm"], p["peak_rss_mb"],
                               e["peak_rss_train_eval_mb_vmhwm"] - p["peak_rss_mb"], e["peak_rss_mb"]))
    for ds, entry in rows:
        parts = []
        for sysname in ("engine", "pytorch"):
            r = entry.get(sysname)
            if r:
                parts.append("%s median/min %.2f (foreign load per round, cores: %s)" % (
                    sysname, r["spread_median_over_min"],
                    ", ".join("?" if c is None else "%.2f" % c for c in r["foreign_cores_per_round"])))
        print("%s epoch spread: %s; rounds rerun after a disturbance: %s, left out: %s" % (
            "MNIST sample" if ds == "sample" else "Fashion-MNIST", "; ".join(parts),
            entry["rounds_rerun_after_disturbance"] or "none", entry["rounds_left_out_disturbed"] or "none"))
    for ds, entry in rows:
        t = entry.get("dl4j_trainer")
        if t:
            print("DL4J's own trainer (%s, %d epochs, one run): %.3f s/epoch median, test −ELBO %.2f; %s× PyTorch, "
                  "%s× the fast trainer" % ("MNIST sample" if ds == "sample" else "Fashion-MNIST", t["epochs"],
                                           t["s_per_epoch_median"], t["test_neg_elbo"],
                                           f(t["ratio_over_pytorch_median"], "%.2f"),
                                           f(t["ratio_over_fast_trainer_median"], "%.2f")))
    lt = res.get("larger_than_heap")
    if lt:
        print("larger than the heap: %d rows (%s epochs) from disk in chunks of %d rows under a %.0f MB heap: %.1f s/epoch "
              "(median), test −ELBO %.2f, peak heap %.0f MB (sum of pool peaks), peak RSS %s MB" % (
                  lt["rows"], lt["epochs"], lt["chunk_rows"], lt["max_heap_mb"], lt["s_per_epoch_median"],
                  lt["test_neg_elbo"], lt["peak_heap_mb_sum_of_pool_peaks"],
                  f(lt.get("peak_rss_mb_time_v") or lt.get("peak_rss_mb"), "%.0f")))
    for ds, entry in rows:
        inf = (entry.get("engine") or {}).get("inference")
        if inf:
            print("inference (%s model, engine): encode %d rows %.3f s, decode %d rows %.3f s, 25×25 grid %.3f s "
                  "(medians)" % ("MNIST sample" if ds == "sample" else "Fashion-MNIST", inf["rows"],
                                 inf["encode_s_median"], inf["rows"], inf["decode_s_median"], inf["grid25_s_median"]))
    if knode:
        print("node overhead in real KNIME %s: VAE Learner %.3f s vs engine %.3f s (medians of %d pairs, %d rows, %d "
              "epochs): %+.1f %% (median of the pairs' ratios); same weights: %s" % (
                  knode["knime"], knode["node_s_median"], knode["engine_s_median"], knode["pairs"], knode["rows"],
                  knode["epochs"], knode["overhead_pct_paired_median"], knode["same_weights"]))
        if "node_outside_training_s_median" in knode:
            print("node overhead in real KNIME outside training (the node's time minus its epochs, medians): %.3f s vs "
                  "the engine's %.3f s: %+.1f %% of the engine's time" % (
                      knode["node_outside_training_s_median"], knode["engine_outside_training_s_median"],
                      100 * (knode["node_outside_training_s_median"] - knode["engine_outside_training_s_median"])
                      / knode["engine_s_median"]))
    if node:
        print("node overhead: VAE Learner %.3f s vs engine %.3f s (min of %d, %d rows, %d epochs): %+.1f %% "
              "(medians %+.1f %%); identical weights: %s" % (
                  node["node_s_min"], node["engine_s_min"], node["reps"], node["rows"], node["epochs"],
                  node["overhead_pct"], node["overhead_pct_median"], node["same_weights"]))
        print("node overhead, median of the %d back-to-back pairs' ratios: %+.1f %%" % (
            node["reps"], node["overhead_pct_paired_median"]))
        if "outside_training_pct" in node:
            print("node overhead outside training (reading the table, outputs; medians): %+.1f %% of the engine's "
                  "time" % node["outside_training_pct"])
    for s in res["skipped"]:
        print("skipped:", s)
    print()
    line = json.dumps(res, separators=(",", ":"), ensure_ascii=False)
    with open(results_path, "w") as out:
        out.write(line + "\n")
    print(line)


if __name__ == "__main__":
    main()
