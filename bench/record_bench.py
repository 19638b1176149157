#!/usr/bin/env python3
"""The current numbers of BENCHMARKS.md: decisions and no-change builds WITH a cache registry, side by
side with `mvn -q validate` in one run.

For each size N (bench/gen-monorepo, tiny payloads so the first build stays short), one private
docker-registry (its storage kept in WORK, so the first build is done once) and a latency proxy in
front of it (bench/latency-proxy, 40 ms per round trip: a simulated remote registry). Contenders, run
alternately (the order rotates every round), K rounds, after one untimed warm-up round:

  validate        mvn -q validate                                      (the baseline)
  plan            mvn -q azbuild:plan -Dazbuild.cacheRegistry=R         (content mode, no change)
  plan-leaf       the same on a branch changing one file of a leaf module
  plan-diff       ... -Dazbuild.mode=diff on that branch
  plan-noreg      mvn -q azbuild:plan                                   (no registry: the old row, labelled)
  plan-probes     ... -Dazbuild.buildRecord=false                       (every module probed)
  plan-40ms       the plan through the 40 ms proxy
  plan-40ms-probes  the same without the build record
  build           mvn -q azbuild:build -Dazbuild.cacheRegistry=R        (no change: a new commit touching
                  only README.md each round; every module re-tagged)
  build-40ms      the same through the 40 ms proxy
and, with --baseline-m2 DIR (a local repository holding another azbuild build, e.g. main's), the
plan and build rows run with that plugin too ("...@base").

Checks in the same run (exit 1 when one fails): the plans decide as expected (none: 0 rebuilds; leaf:
exactly the leaf, content and diff mode); every no-change build re-tags every module and moves no blob
byte (registry access log); a one-leaf-change build at the end rebuilds exactly the leaf.

  bench/record_bench.py --sizes 100,1000 --runs 5
  bench/record_bench.py --sizes 100 --runs 1 --contenders validate,plan,build     # quick
"""
import argparse
import datetime
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import log, machine_facts, maven_home, sh  # noqa: E402

CONTENDERS = ("validate", "plan", "plan-leaf", "plan-diff", "plan-noreg", "plan-probes", "plan-40ms",
              "plan-40ms-probes", "build", "build-40ms")
BASELINE_CONTENDERS = ("plan", "plan-noreg", "plan-40ms", "plan-diff", "build")  # also run with --baseline-m2
FIXED_DATE = "1800000000 +0000"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """A process of this benchmark (registry or proxy), stopped at the end."""

    def __init__(self, cmd, log_path, ready_port):
        self.out = open(log_path, "ab")
        self.proc = subprocess.Popen(cmd, stdout=self.out, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", ready_port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"{cmd[0]} exited; see {log_path}")
                time.sleep(0.1)
        raise SystemExit(f"{cmd[0]} did not listen on {ready_port}; see {log_path}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.out.close()


class Bench:
    def __init__(self, a):
        self.a = a
        self.work = a.work
        os.makedirs(self.work, exist_ok=True)
        self.m2 = os.path.join(self.work, "m2")
        home, self.mvn_version = maven_home()
        self.mvn = os.path.join(home, "bin", "mvn")
        self.env = dict(os.environ, MAVEN_OPTS=a.maven_opts, LC_ALL="C", DOCKER_BUILDKIT="0")
        for k in [k for k in self.env if k.startswith("AZBUILD_")] + ["MAVEN_ARGS", "CI", "GITHUB_ACTIONS",
                                                                     "CIRCLECI", "GITLAB_CI", "JENKINS_URL"]:
            self.env.pop(k, None)
        self.tail = f"-Dmaven.repo.local.tail={os.path.expanduser('~/.m2/repository')}"
        self.services = []
        self.results = []
        self.checks = []

    # ------------------------------------------------------------------ set-up
    def install(self):
        log(f"installing this worktree's azbuild into {self.m2}")
        sh([os.path.join(os.path.dirname(HERE), "mvnw"), "-B", "-q", "-o", "install", "-DskipTests",
            "-Dinvoker.skip", "-Dspotless.check.skip=true", f"-Dmaven.repo.local={self.m2}", self.tail],
           cwd=os.path.dirname(HERE), env=self.env)

    def registry(self):
        d = os.path.join(self.work, "registry")
        os.makedirs(os.path.join(d, "storage"), exist_ok=True)
        port = self.a.registry_port or free_port()
        with open(os.path.join(d, "config.yml"), "w") as f:
            f.write(f"""version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: {d}/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:{port}
  secret: record-bench
""")
        self.registry_log = os.path.join(d, "registry.log")
        self.services.append(Service(["docker-registry", "serve", os.path.join(d, "config.yml")], self.registry_log,
                                     port))
        self.host = f"127.0.0.1:{port}"
        pport = free_port()
        self.services.append(Service([sys.executable, os.path.join(HERE, "latency-proxy"), "--listen",
                                      f"127.0.0.1:{pport}", "--upstream", self.host, "--rtt-ms", str(self.a.rtt_ms)],
                                     os.path.join(d, "proxy.log"), pport))
        self.slow = f"127.0.0.1:{pport}"
        log(f"registry {self.host}, {self.a.rtt_ms:g} ms proxy {self.slow}")

    def mark(self):
        return os.path.getsize(self.registry_log)

    def traffic(self, since):
        """Requests and blob bytes in the registry's access log since a mark."""
        with open(self.registry_log, "rb") as f:
            f.seek(since)
            text = f.read().decode(errors="replace")
        t = dict(requests=0, probes=0, gets=0, puts=0, blobBytes=0)
        for line in text.splitlines():
            m = re.match(r'\S+ - - \[[^]]+\] "(\w+) (\S+) [^"]*" (\d+) (\d+)', line)
            if not m:
                continue
            method, uri, status, size = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
            t["requests"] += 1
            if "/azbuild-build/" in uri:
                t["recordRequests"] = t.get("recordRequests", 0) + 1
                continue  # the build record: not an image, its blob not a layer
            if "/manifests/" in uri:
                if method == "GET":
                    t["gets"] += 1
                    if "/manifests/cache-" in uri:
                        t["probes"] += 1
                elif method == "PUT":
                    t["puts"] += 1
            elif "/blobs/sha256:" in uri and method == "GET" and status == 200:
                t["blobBytes"] += size
            elif "/blobs/uploads/" in uri and method == "PUT" and status == 201:
                t["blobBytes"] += 1  # an upload: any counts (payload sizes are not in the log)
        return t

    def git(self, repo, *args, env=None):
        return sh(["git", *args], cwd=repo, env=env).strip()

    def commit(self, repo, message):
        env = dict(self.env, GIT_AUTHOR_DATE=FIXED_DATE, GIT_COMMITTER_DATE=FIXED_DATE)
        self.git(repo, "add", "-A")
        self.git(repo, "commit", "-q", "-m", message, env=env)

    def prepare(self, n):
        """The repository (main), a worktree of a one-leaf-change branch, one of a branch for no-change
        builds, the first build of main, a build of main that leaves its record, and a deploy of main."""
        repo = os.path.join(self.work, f"repo-{n}")
        meta = os.path.join(repo, ".git", "bench.json")
        if not os.path.exists(meta):
            log(f"generating {repo}")
            sh([sys.executable, os.path.join(HERE, "gen-monorepo"), "--modules", str(n), "--files-per-module", "18",
                "--commits", str(min(2000, 5 * n)), "--seed", "1", "--payload-bytes", "1000", "--prefix", "r",
                "--out", repo, "--force"])
        with open(meta) as f:
            info = json.load(f)
        prefix = f"n{n}"
        ctx = dict(n=n, repo=repo, info=info, registry=f"{self.host}/{prefix}", slow=f"{self.slow}/{prefix}",
                   prefix=prefix, leaf=os.path.join(self.work, f"repo-{n}-leaf"),
                   build=os.path.join(self.work, f"repo-{n}-build"),
                   build_base=os.path.join(self.work, f"repo-{n}-build-base"))
        if not os.path.exists(ctx["leaf"]):
            self.git(repo, "worktree", "add", "-q", "-B", "case/leaf", ctx["leaf"], "main")
            with open(os.path.join(ctx["leaf"], info["leaf"]["file"]), "a") as f:
                f.write("one more line for the leaf case\n")
            self.commit(ctx["leaf"], "Change one leaf file")
        if not os.path.exists(ctx["build"]):
            self.git(repo, "worktree", "add", "-q", "-B", "bench/build", ctx["build"], "main")
        if self.a.baseline_m2 and not os.path.exists(ctx["build_base"]):
            # the baseline's no-change builds on a branch of their own: each build reads the build record its
            # own version wrote the round before, as on CI (a record written by the other version would not
            # carry what this one records)
            self.git(repo, "worktree", "add", "-q", "-B", "bench/build-base", ctx["build_base"], "main")
        done = os.path.join(self.work, f"first-build-{n}.done")
        if not os.path.exists(done):
            log(f"first build of N = {n} (untimed; every image built and pushed)")
            t0 = time.perf_counter()
            self.run(self.maven("azbuild:build", f"-Dazbuild.cacheRegistry={ctx['registry']}", "-T", "2",
                                "-Dazbuild.pull=missing", quiet=False), repo, f"first-build-{n}")
            log(f"first build of N = {n} in {time.perf_counter() - t0:.0f} s")
            open(done, "w").close()
        recorded = os.path.join(self.work, f"main-record-{n}.done")
        if not os.path.exists(recorded):
            # as CI does on main: a build of main that leaves its build record (untimed)
            self.run(self.maven("azbuild:build", f"-Dazbuild.cacheRegistry={ctx['registry']}"), repo,
                     f"main-record-{n}")
            open(recorded, "w").close()
        deployed = os.path.join(self.work, f"main-deploy-{n}.done")
        if not os.path.exists(deployed):
            # as CD does on main: a deploy (no terraform, no restart) moves every module's master tag and
            # leaves the deploy record that diff mode reads (untimed)
            log(f"deploy of N = {n} (untimed)")
            self.run(self.maven("azbuild:deploy", f"-Dazbuild.cacheRegistry={ctx['registry']}",
                                f"-Dazbuild.deployRegistry={self.host}/{prefix}-deploy",
                                f"-Dazbuild.deploy.stateDir={os.path.join(self.work, 'tfstate-' + str(n))}"),
                     repo, f"main-deploy-{n}")
            open(deployed, "w").close()
        return ctx

    def maven(self, *args, m2=None, quiet=True):
        return [self.mvn, "-B", *(["-q"] if quiet else []), "-o", f"-Dmaven.repo.local={m2 or self.m2}", self.tail,
                *args]

    # ------------------------------------------------------------------ contenders
    def command(self, name, ctx, m2=None, extra=()):
        """(command, working directory) of a contender."""
        reg = f"-Dazbuild.cacheRegistry={ctx['registry']}"
        slow = f"-Dazbuild.cacheRegistry={ctx['slow']}"
        plans = {
            "validate": (["validate"], ctx["repo"]),
            "plan": (["azbuild:plan", reg], ctx["repo"]),
            "plan-leaf": (["azbuild:plan", reg], ctx["leaf"]),
            "plan-diff": (["azbuild:plan", reg, "-Dazbuild.mode=diff"], ctx["leaf"]),
            "plan-noreg": (["azbuild:plan"], ctx["repo"]),
            "plan-probes": (["azbuild:plan", reg, "-Dazbuild.buildRecord=false"], ctx["repo"]),
            "plan-40ms": (["azbuild:plan", slow], ctx["repo"]),
            "plan-40ms-probes": (["azbuild:plan", slow, "-Dazbuild.buildRecord=false"], ctx["repo"]),
            "build": (["azbuild:build", reg], ctx["build"]),
            "build-40ms": (["azbuild:build", slow], ctx["build"]),
        }
        args, cwd = plans[name]
        if m2 is not None and name.startswith("build"):
            cwd = ctx["build_base"]
        return self.maven(*args, *extra, m2=m2), cwd

    def run(self, cmd, cwd, label):
        out = os.path.join(self.work, "logs", f"{label}.log")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(out, "wb") as f:
            p = subprocess.run(cmd, cwd=cwd, env=self.env, stdout=f, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0:
            raise SystemExit(f"{label} failed ({p.returncode}), see {out}: {' '.join(cmd)}")
        return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)

    def one(self, name, ctx, rnd, m2=None, tag="", extra=()):
        cmd, cwd = self.command(name, ctx, m2, extra)
        if name.startswith("build"):
            with open(os.path.join(cwd, "README.md"), "a") as f:
                f.write(f"{name}{tag} round {rnd}\n")
            self.commit(cwd, f"README only ({name}{tag}, round {rnd})")
        shutil.rmtree(os.path.join(cwd, "target"), ignore_errors=True)
        mark = self.mark()
        wall, cpu = self.run(cmd, cwd, f"{ctx['n']}-{name}{tag}-{rnd}")
        traffic = self.traffic(mark)
        self.check(name + tag, ctx, cwd, traffic)
        row = dict(n=ctx["n"], contender=name + tag, round=rnd, wall=wall, cpu=cpu, traffic=traffic,
                   load=os.getloadavg()[0])
        self.results.append(row)
        return row

    def check(self, name, ctx, cwd, traffic):
        n = ctx["n"]
        if name.startswith("plan"):
            with open(os.path.join(cwd, "target", "azbuild", "plan.json")) as f:
                rebuilt = {m["id"].split(":")[1] for m in json.load(f)["modules"] if m["rebuild"]}
            expected = {ctx["info"]["leaf"]["module"]} if cwd == ctx["leaf"] else set()
            if name.startswith("plan-noreg"):
                expected = set(ctx["info"]["dirs"])  # no registry: nothing is known to exist
            ok = rebuilt == expected
            self.checks.append(dict(n=n, contender=name, ok=ok, rebuilt=len(rebuilt), expected=len(expected)))
            if not ok:
                raise SystemExit(f"N={n} {name}: rebuilds {sorted(rebuilt)[:5]} ({len(rebuilt)}), expected "
                                 f"{sorted(expected)[:5]} ({len(expected)})")
        elif name.startswith("build"):
            with open(os.path.join(cwd, "target", "azbuild", "build.json")) as f:
                actions = [m["action"] for m in json.load(f)["modules"]]
            ok = actions.count("retagged") == n and traffic["blobBytes"] == 0
            self.checks.append(dict(n=n, contender=name, ok=ok, retagged=actions.count("retagged"),
                                    blobBytes=traffic["blobBytes"]))
            if not ok:
                raise SystemExit(f"N={n} {name}: {actions.count('retagged')} of {n} re-tagged, "
                                 f"{traffic['blobBytes']} blob bytes moved")

    def leaf_build(self, ctx):
        """One build after a one-leaf change: exactly the leaf is rebuilt."""
        cwd = ctx["build"]
        with open(os.path.join(cwd, ctx["info"]["leaf"]["file"]), "a") as f:
            f.write(f"leaf build {time.time()}\n")
        self.commit(cwd, "Change one leaf file (leaf build)")
        shutil.rmtree(os.path.join(cwd, "target"), ignore_errors=True)
        mark = self.mark()
        cmd, _ = self.command("build", ctx)
        wall, cpu = self.run(cmd, cwd, f"{ctx['n']}-build-leaf")
        with open(os.path.join(cwd, "target", "azbuild", "build.json")) as f:
            built = [m["image"] for m in json.load(f)["modules"] if m["action"] == "built"]
        ok = built == [ctx["info"]["leaf"]["module"]]
        self.checks.append(dict(n=ctx["n"], contender="build-leaf", ok=ok, built=built))
        self.results.append(dict(n=ctx["n"], contender="build-leaf", round=0, wall=wall, cpu=cpu,
                                 traffic=self.traffic(mark), load=os.getloadavg()[0]))
        if not ok:
            raise SystemExit(f"N={ctx['n']} one-leaf build rebuilt {built}, expected the leaf only")
        # back to a no-change state for a later run
        self.git(cwd, "reset", "-q", "--hard", "HEAD~1")

    # ------------------------------------------------------------------ main loop
    def main(self):
        if not self.a.no_install:
            self.install()
        self.registry()
        try:
            for n in self.a.sizes:
                ctx = self.prepare(n)
                names = list(self.a.contenders)
                runs = [(c, None, "", ()) for c in names]
                if self.a.baseline_m2:
                    runs += [(c, self.a.baseline_m2, "@base", ()) for c in names if c in BASELINE_CONTENDERS]
                for c in self.a.concurrency_sweep:
                    runs += [(b, None, f"@c{c}", (f"-Dazbuild.registry.concurrency={c}",))
                             for b in ("build", "build-40ms")]
                log(f"N = {n}: warm-up round")
                for c, m2, tag, extra in runs:
                    self.one(c, ctx, -1, m2, tag, extra)
                self.results = [r for r in self.results if r["round"] >= 0]
                for rnd in range(self.a.runs):
                    k = rnd % len(runs)
                    order = runs[k:] + runs[:k]
                    for c, m2, tag, extra in order:
                        self.one(c, ctx, rnd, m2, tag, extra)
                    line = " ".join(f"{r['contender']}={r['wall']:.2f}" for r in self.results
                                    if r["n"] == n and r["round"] == rnd)
                    log(f"N={n} round {rnd + 1}/{self.a.runs}: {line}")
                    self.save("partial")
                if not self.a.no_leaf_build and "build" in names:
                    self.leaf_build(ctx)
        finally:
            for s in reversed(self.services):
                s.stop()

    def save(self, stem):
        os.makedirs(os.path.join(self.work, "results"), exist_ok=True)
        with open(os.path.join(self.work, "results", f"{stem}.json"), "w") as f:
            json.dump({"args": vars(self.a), "results": self.results, "checks": self.checks}, f, indent=1)


# ---------------------------------------------------------------------- report
WHAT = {
    "validate": "`mvn -q validate` (the baseline)",
    "plan": "`azbuild:plan`, content mode, cache registry on loopback, no change (build record read)",
    "plan-leaf": "`azbuild:plan`, content mode, registry, one leaf file changed",
    "plan-diff": "`azbuild:plan -Dazbuild.mode=diff`, registry, one leaf file changed",
    "plan-noreg": "`azbuild:plan`, content mode, **no registry** (decides nothing is cached)",
    "plan-probes": "`azbuild:plan`, registry, `-Dazbuild.buildRecord=false` (one probe per module)",
    "plan-40ms": "`azbuild:plan`, registry behind a 40 ms round trip, no change",
    "plan-40ms-probes": "`azbuild:plan`, registry behind 40 ms, `-Dazbuild.buildRecord=false`",
    "build": "`azbuild:build`, no change (README-only commit): every module re-tagged",
    "build-40ms": "`azbuild:build`, no change, registry behind 40 ms",
    "build-leaf": "`azbuild:build` after a one-leaf change (once; checks exactly 1 rebuilt)",
}


def report(a, results, checks, command):
    by = {}
    for r in results:
        by.setdefault((r["n"], r["contender"]), []).append(r)

    def ratio(n, name, key):
        vals = []
        for r in by.get((n, name), []):
            v = next((x for x in by.get((n, "validate"), []) if x["round"] == r["round"]), None)
            if v and v[key] > 0:
                vals.append(r[key] / v[key])
        return statistics.median(vals) if vals else None

    L = [f"Command: `{command}`\n",
         "| N | what | wall median (s) | × validate (wall) | × validate (CPU) | registry requests "
         "(manifest GETs / probes / PUTs) |",
         "|---:|---|---:|---:|---:|---|"]
    order = list(CONTENDERS) + ["build-leaf"]
    names = sorted({r["contender"] for r in results},
                   key=lambda c: (order.index(c.split("@")[0]) if c.split("@")[0] in order else 99, c))
    fmt = lambda v: "—" if v is None else f"{v:.2f}"
    for n in sorted({r["n"] for r in results}):
        for name in names:
            rows = by.get((n, name))
            if not rows:
                continue
            base = name.split("@")[0]
            suffix = name.split("@")[1] if "@" in name else ""
            what = WHAT.get(base, base) + (f" — **{a.baseline_label}**" if suffix == "base" else
                                           f" — `-Dazbuild.registry.concurrency={suffix[1:]}`" if suffix else "")
            t = rows[len(rows) // 2]["traffic"]
            req = f"{t['requests']} ({t['gets']} / {t['probes']} / {t['puts']})"
            L.append(f"| {n:,} | {what} | {statistics.median(r['wall'] for r in rows):.2f} | "
                     f"{fmt(ratio(n, name, 'wall'))} | {fmt(ratio(n, name, 'cpu'))} | {req} |")
    for n in sorted({r["n"] for r in results}):
        p, s = by.get((n, "plan")), by.get((n, "plan-40ms"))
        if p and s:
            L.append(f"\nN = {n}: the 40 ms round trip adds "
                     f"{statistics.median(x['wall'] for x in s) - statistics.median(x['wall'] for x in p):+.2f} s "
                     "to the plan (medians).")
    bad = [c for c in checks if not c["ok"]]
    L.append(f"\nChecks: {len(checks) - len(bad)} of {len(checks)} passed "
             "(plans decide exactly the expected modules; no-change builds re-tag every module and move no blob; "
             "the one-leaf build rebuilds exactly the leaf).")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="the current table of BENCHMARKS.md")
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--contenders", default=",".join(CONTENDERS))
    ap.add_argument("--work", default="/tmp/azbuild-record-bench")
    ap.add_argument("--registry-port", type=int, default=0, help="keep the registry on one port across runs")
    ap.add_argument("--rtt-ms", type=float, default=40.0)
    ap.add_argument("--baseline-m2", help="a local repository with another azbuild build (also run)")
    ap.add_argument("--baseline-label", default="main's azbuild",
                    help="what the --baseline-m2 build is, for the table (e.g. 'before the build record, e98930b')")
    ap.add_argument("--concurrency-sweep", default="",
                    help="also run the no-change builds with these azbuild.registry.concurrency values, e.g. 4,8,16,32")
    ap.add_argument("--maven-opts", default="")
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--no-leaf-build", action="store_true")
    ap.add_argument("--report-from", help="render a saved results .json")
    a = ap.parse_args()
    a.sizes = [int(x) for x in str(a.sizes).split(",") if x]
    a.contenders = [c for c in a.contenders.split(",") if c]
    a.concurrency_sweep = [int(c) for c in a.concurrency_sweep.split(",") if c]
    for c in a.contenders:
        if c not in CONTENDERS:
            ap.error(f"unknown contender {c}; use {','.join(CONTENDERS)}")
    if "validate" not in a.contenders:
        a.contenders.insert(0, "validate")
    command = "bench/record_bench.py " + " ".join(sys.argv[1:])
    if a.report_from:
        with open(a.report_from) as f:
            d = json.load(f)
        print(report(a, d["results"], d["checks"], command))
        return
    b = Bench(a)
    facts = machine_facts(b.mvn_version)
    log(f"machine: {facts}")
    t0 = time.perf_counter()
    b.main()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    b.save(f"record-{stamp}")
    md = report(a, b.results, b.checks, command)
    md += (f"\nMachine: {facts['nproc']} cores ({facts['cpu']}), {facts['memory']}; {facts['java']}; {facts['maven']}; "
           f"started {facts['date']}, load average {facts['load']} before and "
           f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} after; whole run {time.perf_counter() - t0:.0f} s.\n")
    with open(os.path.join(a.work, "results", f"record-{stamp}.md"), "w") as f:
        f.write(md)
    print(md)


if __name__ == "__main__":
    main()
