#!/usr/bin/python3
"""PyTorch reference for the VAE Nodes benchmark (issue 7).

The network the engine trains by default: encoder 784 -> 400 (ReLU) -> (mu, log sigma^2) of size 20, decoder
20 -> 400 (ReLU) -> 784 logits; Bernoulli likelihood as BCE-with-logits summed over pixels, plus the analytic KL
to N(0, I); the loss of a batch is the sum over its rows; Adam, lr 1e-3, batch 128; everything seeded.

Reads IDX image files (gzip or raw) given on the command line; labels are not needed. Prints one JSON object per
line: {"event": "info", ...}, one {"event": "epoch", ...} per epoch and a final {"event": "result", ...} with the
per-epoch seconds, the test -ELBO per example (one sampled z per row, as the engine's evaluate) and the peak RSS.

    python3 bench/pytorch_vae.py --train train-images-idx3-ubyte.gz --test t10k-images-idx3-ubyte.gz --epochs 3

Also: --sgemm measures the machine's single-precision matrix multiply (GFLOP/s) through torch.mm and exits.
Thread settings come from the environment (OMP_NUM_THREADS, OMP_WAIT_POLICY) and --threads.
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import struct
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F


def read_idx_images(path, max_rows=None):
    """uint8 IDX3 images as a float32 tensor (n, rows*cols) scaled to [0, 1]."""
    with open(path, "rb") as raw:
        magic = raw.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        head = f.read(4)
        if len(head) != 4 or head[0] != 0 or head[1] != 0 or head[2] != 0x08 or head[3] != 3:
            raise SystemExit(f"{path}: not an IDX file of unsigned-byte images (header {head.hex()})")
        count, rows, cols = struct.unpack(">III", f.read(12))
        n = count if max_rows is None else min(count, max_rows)
        body = f.read(n * rows * cols)
    if len(body) != n * rows * cols:
        raise SystemExit(f"{path}: truncated: expected {n * rows * cols} pixel bytes, got {len(body)}")
    pixels = torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(n, rows * cols)
    return pixels.to(torch.float32).div_(255.0)


class BernoulliVae(nn.Module):
    def __init__(self, d=784, hidden=400, latent=20):
        super().__init__()
        self.enc = nn.Linear(d, hidden)
        self.enc_mu = nn.Linear(hidden, latent)
        self.enc_logvar = nn.Linear(hidden, latent)
        self.dec = nn.Linear(latent, hidden)
        self.dec_out = nn.Linear(hidden, d)

    def encode(self, x):
        h = torch.relu(self.enc(x))
        return self.enc_mu(h), self.enc_logvar(h)

    def decode_logits(self, z):
        return self.dec_out(torch.relu(self.dec(z)))

    def neg_elbo_terms(self, x, noise):
        """Per-row reconstruction (-log p(x|z)) and KL(q(z|x) || N(0, I)) with z = mu + sigma * noise."""
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * noise
        logits = self.decode_logits(z)
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
        kl = -0.5 * (1.0 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
        return recon, kl


def blas_libraries():
    """The BLAS / OpenMP shared objects actually mapped into this process."""
    found = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path)
                if "blas" in name or "lapack" in name or "omp" in name:
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def emit(obj):
    print(json.dumps(obj), flush=True)


def sgemm(size, repeats):
    a = torch.rand(size, size)
    b = torch.rand(size, size)
    c = torch.empty(size, size)
    torch.mm(a, b, out=c)  # warm-up (thread pool, pages)
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        torch.mm(a, b, out=c)
        best = min(best, time.perf_counter() - t)
    return 2.0 * size ** 3 / best / 1e9


def train(args):
    torch.manual_seed(args.seed)
    x_train = read_idx_images(args.train, args.max_train)
    x_test = read_idx_images(args.test, args.max_test)
    n, d = x_train.shape
    model = BernoulliVae(d, args.hidden, args.latent)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    shuffle = torch.Generator().manual_seed(args.seed)
    emit({"event": "info", "torch": torch.__version__, "threads": torch.get_num_threads(),
          "train_rows": n, "test_rows": x_test.shape[0], "d": d, "blas": blas_libraries(),
          "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
          "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY")})
    seconds = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        order = torch.randperm(n, generator=shuffle)
        total = recon_total = kl_total = 0.0
        for start in range(0, n, args.batch):
            xb = x_train[order[start:start + args.batch]]
            recon, kl = model.neg_elbo_terms(xb, torch.randn(xb.shape[0], args.latent))
            r, k = recon.sum(), kl.sum()
            loss = r + k
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item()
            recon_total += r.item()
            kl_total += k.item()
        dt = time.perf_counter() - t0
        seconds.append(dt)
        emit({"event": "epoch", "epoch": epoch, "seconds": round(dt, 4), "train_neg_elbo": total / n,
              "train_recon": recon_total / n, "train_kl": kl_total / n})
    model.eval()
    eval_noise = torch.Generator().manual_seed(args.seed + 1)
    t0 = time.perf_counter()
    with torch.no_grad():
        neg = 0.0
        for start in range(0, x_test.shape[0], 1000):
            xb = x_test[start:start + 1000]
            recon, kl = model.neg_elbo_terms(xb, torch.randn(xb.shape[0], args.latent, generator=eval_noise))
            neg += (recon + kl).sum().item()
    test_neg_elbo = neg / x_test.shape[0]
    eval_seconds = time.perf_counter() - t0
    emit({"event": "result", "system": "pytorch", "epochs": args.epochs, "seconds": [round(s, 4) for s in seconds],
          "s_per_epoch_min": min(seconds), "s_per_epoch_median": statistics.median(seconds),
          "test_neg_elbo": test_neg_elbo, "eval_seconds": eval_seconds, "peak_rss_mb": peak_rss_mb(),
          "train_rows": n, "test_rows": x_test.shape[0], "threads": torch.get_num_threads()})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--train", help="IDX images for training (.gz or raw)")
    p.add_argument("--test", help="IDX images for the test -ELBO (.gz or raw)")
    p.add_argument("--max-train", type=int, default=None)
    p.add_argument("--max-test", type=int, default=None)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--hidden", type=int, default=400)
    p.add_argument("--latent", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--sgemm", type=int, metavar="N", default=0,
                   help="measure sgemm GFLOP/s on N x N matrices instead of training")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    if args.sgemm:
        out = {"event": "sgemm", "threads": torch.get_num_threads(), "blas": blas_libraries(),
               "size": args.sgemm, "gflops": sgemm(args.sgemm, 5)}
        # the network's own shapes (batch 128): forward 128x784 @ 784x400, weight gradient 400x128 @ 128x784
        shapes = {"128x784x400": (128, 784, 400), "128x400x784": (128, 400, 784), "400x128x784": (400, 128, 784)}
        for name, (m, k, nn_) in shapes.items():
            a, b, c = torch.rand(m, k), torch.rand(k, nn_), torch.empty(m, nn_)
            torch.mm(a, b, out=c)
            reps = 200
            t = time.perf_counter()
            for _ in range(reps):
                torch.mm(a, b, out=c)
            out["gflops_" + name] = 2.0 * m * k * nn_ * reps / (time.perf_counter() - t) / 1e9
        emit(out)
        return
    if not args.train or not args.test:
        p.error("--train and --test are required (or --sgemm N)")
    train(args)


if __name__ == "__main__":
    sys.exit(main())
