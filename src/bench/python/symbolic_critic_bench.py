"""PyTorch peer of org.latentj.bench.SymbolicBench: one training epoch (5 WGAN-GP critic steps) of the seed's best
critic (per-point embedding 2 -> 64 -> 64 -> 1, then 700 -> 512 x 4 -> 1), as symrep's SDNet does it.
Run: /usr/bin/python3 src/bench/python/symbolic_critic_bench.py [--threads N] [batch ...]   (Debian: apt-get install python3-torch)
Prints wall and process CPU time per epoch, as SymbolicBench does (on a shared machine the CPU time is what the work cost).
"""
import sys
import time

import torch

POINTS, CHANNELS, ITERS, GP = 700, 2, 5, 1e-5


class Critic(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Sequential(torch.nn.Linear(CHANNELS, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64), torch.nn.ReLU(),
                                         torch.nn.Linear(64, 1))
        layers, width = [], POINTS
        for _ in range(4):
            layers += [torch.nn.Linear(width, 512), torch.nn.ReLU()]
            width = 512
        self.head = torch.nn.Sequential(*layers, torch.nn.Linear(width, 1))

    def forward(self, x):  # x: batch x points x channels
        return self.head(self.embed(x).squeeze(-1))


def epoch(critic, opt, real, fake):
    for _ in range(ITERS):
        opt.zero_grad()
        loss = -critic(real).mean() + critic(fake).mean()
        t = torch.rand(real.shape[0], 1, 1, dtype=real.dtype)
        mix = (t * real + (1 - t) * fake).requires_grad_(True)
        g, = torch.autograd.grad(critic(mix).sum(), mix, create_graph=True)
        loss = loss + GP * ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
        loss.backward()
        opt.step()


def main():
    args = sys.argv[1:]
    if args[:1] == ["--threads"]:
        torch.set_num_threads(int(args[1]))
        args = args[2:]
    batches = [int(b) for b in args] or [5, 64]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for dtype in (torch.float32, torch.float64):
        for batch in batches:
            torch.manual_seed(0)
            critic = Critic().to(dtype)
            opt = torch.optim.Adam(critic.parameters(), lr=1e-4, betas=(0.9, 0.999), weight_decay=1e-7)
            real = torch.randn(batch, POINTS, CHANNELS, dtype=dtype)
            fake = torch.randn(batch, POINTS, CHANNELS, dtype=dtype)
            epoch(critic, opt, real, fake)  # warm-up
            reps, start, cpu = 0, time.perf_counter(), time.process_time()
            while reps < 3 or time.perf_counter() - start < 3:
                epoch(critic, opt, real, fake)
                reps += 1
            ms = (time.perf_counter() - start) / reps * 1000
            cpu_ms = (time.process_time() - cpu) / reps * 1000
            print(f"pytorch {str(dtype).replace('torch.', '')} batch {batch}: {ms:.1f} ms per epoch ({ITERS} steps), {cpu_ms:.1f} ms CPU, {reps} epochs")


if __name__ == "__main__":
    main()
