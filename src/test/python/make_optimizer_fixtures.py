#!/usr/bin/python3
"""Writes the reference runs that OptimizerParityTest replays against torch.optim.

Run with Debian's PyTorch (the `python3` on a pyenv PATH has no torch):

    /usr/bin/python3 src/test/python/make_optimizer_fixtures.py

Each case starts from a fixed point and records, for every closure call, the point it
was called at (before the closure clamps it, in the cases that clamp as the style-transfer
tutorial does), the loss and the gradient (float32 values written exactly), plus what
step() returned and the cumulative evaluation count after each step. The Java test
feeds the recorded loss and gradient back to its optimizer, so any difference it sees
comes from the optimizer's arithmetic alone and does not compound through the
objective.
"""

import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "resources", "fixtures", "optimize", "torch_optimizers.json")


def rosenbrock(x):
    return (100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2).sum()


QUAD_WEIGHTS = torch.tensor([1.0, 2.0, 5.0, 10.0, 0.5])
QUAD_CENTRE = torch.tensor([0.5, -1.0, 2.0, 0.0, 3.0])


def quadratic(x):
    return (QUAD_WEIGHTS * (x - QUAD_CENTRE) ** 2).sum()


def parabola(x):
    # Minimum 0 at 3: from 0, L-BFGS lands on it exactly at its second update.
    return 0.5 * ((x - 3.0) ** 2).sum()


def flat(x):
    # The value stays 1 while the gradient stays 1: steps end on the loss-change tolerance.
    return (x - x.detach()).sum() + 1.0


def gentle_slope(x):
    # A gradient of 1e-5 passes the gradient tolerance, but g.d = -1e-10 fails tolerance_change.
    return 1e-5 * x.sum()


def slope(x):
    return x.sum()


OBJECTIVES = {"rosenbrock": rosenbrock, "quadratic": quadratic, "parabola": parabola,
              "flat": flat, "gentle_slope": gentle_slope, "slope": slope}


def floats(t):
    return [float(v) for v in t.detach().reshape(-1)]


def run(name, objective, start, optimizer, settings, steps, clamp=None, line_search=None):
    x = torch.tensor(start, dtype=torch.float32, requires_grad=True)
    if optimizer == "lbfgs":
        opt = torch.optim.LBFGS([x], line_search_fn=line_search, **settings)
    else:
        torch_settings = dict(settings)
        if "beta1" in torch_settings:
            torch_settings["betas"] = (torch_settings.pop("beta1"), torch_settings.pop("beta2"))
        opt = torch.optim.Adam([x], foreach=False, **torch_settings)
    evaluations = []

    def closure():
        # The point the optimizer asks about, before the closure's own in-place change.
        asked = floats(x)
        if clamp is not None:
            with torch.no_grad():
                x.clamp_(*clamp)
        opt.zero_grad()
        loss = OBJECTIVES[objective](x)
        loss.backward()
        evaluations.append({"x": asked, "loss": float(loss), "gradient": floats(x.grad)})
        return loss

    step_losses = []
    evaluations_after_step = []
    for _ in range(steps):
        step_losses.append(float(opt.step(closure)))
        evaluations_after_step.append(len(evaluations))
    return {
        "name": name,
        "optimizer": optimizer,
        "objective": objective,
        "settings": settings,
        "start": floats(torch.tensor(start, dtype=torch.float32)),
        "steps": steps,
        "clamp": clamp,
        "lineSearch": line_search,
        "stepLosses": step_losses,
        "evaluationsAfterStep": evaluations_after_step,
        "evaluations": evaluations,
        "finalX": floats(x),
    }


CASES = [
    # Fixed-step L-BFGS on Rosenbrock is chaotic: after enough iterations float32 rounding
    # decides where it goes. These runs stay short of that, so their points can be compared
    # tightly. They carry the state (direction, step, history) across step() calls.
    run("lbfgs_rosenbrock_2d_maxiter5", "rosenbrock", [-1.2, 1.0], "lbfgs", {"max_iter": 5}, 4),
    # Defaults: 20 evaluations per step, no evaluation after the 20th update.
    run("lbfgs_rosenbrock_2d", "rosenbrock", [-0.3, 0.2], "lbfgs", {}, 2),
    run("lbfgs_rosenbrock_10d", "rosenbrock", [0.5] * 10, "lbfgs", {}, 2),
    # A history of 3 is full after a few updates, so the oldest pairs are dropped.
    run("lbfgs_rosenbrock_10d_history3", "rosenbrock", [0.5] * 10, "lbfgs",
        {"history_size": 3, "max_iter": 10}, 3),
    # A scaled step and max_eval below max_iter: steps end on the evaluation budget.
    run("lbfgs_rosenbrock_2d_lr_maxeval", "rosenbrock", [-1.2, 1.0], "lbfgs",
        {"lr": 0.5, "max_iter": 10, "max_eval": 4}, 4),
    # Exact runs for the remaining ways a step ends. The parabola reaches a zero gradient
    # (then each step stops after its first evaluation); the flat loss ends on the loss change,
    # the gentle slope on the directional derivative, a tiny step on the parameter change.
    run("lbfgs_parabola", "parabola", [0.0], "lbfgs", {}, 3),
    run("lbfgs_flat", "flat", [0.0, 0.0], "lbfgs", {}, 3),
    run("lbfgs_gentle_slope", "gentle_slope", [0.0], "lbfgs", {}, 3),
    run("lbfgs_tiny_step", "slope", [0.0], "lbfgs", {"lr": 1e-10}, 2),
    # The closure clamps the parameters in place, as the style-transfer tutorial's does.
    run("lbfgs_rosenbrock_3d_clamped", "rosenbrock", [0.1, 0.2, 0.3], "lbfgs", {}, 2,
        clamp=[0.0, 0.5]),
    run("adam_rosenbrock_3d_clamped", "rosenbrock", [0.1, 0.2, 0.3], "adam", {"lr": 0.05}, 30,
        clamp=[0.0, 0.5]),
    run("adam_rosenbrock_2d", "rosenbrock", [-1.2, 1.0], "adam", {"lr": 0.01}, 50),
    run("adam_quadratic", "quadratic", [0.0, 0.0, 0.0, 0.0, 0.0], "adam", {"lr": 0.1}, 50),
    # yunjey's betas (0.5, 0.999).
    run("adam_rosenbrock_2d_betas", "rosenbrock", [-1.2, 1.0], "adam",
        {"lr": 0.01, "beta1": 0.5, "beta2": 0.999}, 50),
    # line_search_fn="strong_wolfe": torch's _strong_wolfe and _cubic_interpolate. Rosenbrock
    # from its classic start takes the bracketing, extrapolation and zoom paths; the steps
    # evaluate up to max_eval (25) times each.
    run("lbfgs_wolfe_rosenbrock_2d", "rosenbrock", [-1.2, 1.0], "lbfgs", {}, 1,
        line_search="strong_wolfe"),
    run("lbfgs_wolfe_rosenbrock_10d", "rosenbrock", [0.5] * 10, "lbfgs", {"max_iter": 10}, 3,
        line_search="strong_wolfe"),
    run("lbfgs_wolfe_quadratic", "quadratic", [0.0, 0.0, 0.0, 0.0, 0.0], "lbfgs", {}, 2,
        line_search="strong_wolfe"),
    # A first step of 1/|g|_1 that is far too short: the search extrapolates (10x per trial).
    run("lbfgs_wolfe_slope_far", "parabola", [0.0, 0.0, 0.0], "lbfgs", {"max_iter": 3}, 2,
        line_search="strong_wolfe"),
    # A learning rate of 5 overshoots: the search must zoom back in.
    run("lbfgs_wolfe_quadratic_lr5", "quadratic", [0.0, 0.0, 0.0, 0.0, 0.0], "lbfgs",
        {"lr": 5.0, "max_iter": 5}, 2, line_search="strong_wolfe"),
    # The closure clamps, as the tutorial's does: trial points are clamped, then put back.
    run("lbfgs_wolfe_rosenbrock_3d_clamped", "rosenbrock", [0.1, 0.2, 0.3], "lbfgs",
        {"max_iter": 10}, 2, clamp=[0.0, 0.5], line_search="strong_wolfe"),
]

if __name__ == "__main__":
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "cases": CASES}, f, separators=(",", ":"))
        f.write("\n")
    for case in CASES:
        print(case["name"], "evaluations per step:", case["evaluationsAfterStep"][:6],
              "final loss:", case["evaluations"][-1]["loss"], "final x:", case["finalX"][:4])
