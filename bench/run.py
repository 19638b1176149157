#!/usr/bin/env python3
"""Issue 7, scenario 1 (decision speed) and the decision part of scenario 5 (scaling).

For each size N and each case ("none": no change, "leaf": one leaf module's file changed, "base":
the base module's file changed; each case is a branch off the generated main, so diff mode has a
merge-base), runs these contenders alternately, K rounds, on the same generated repository:

  git       the floor: git diff --name-only <merge-base> HEAD; git ls-files -s > /dev/null
  validate  mvn -q validate (Maven's own start-up and reactor cost)
  gib       mvn -q validate with gitflow-incremental-builder 4.5.4 as a core extension
            (.mvn/extensions.xml of a copy of the repo; -Dgib.referenceBranch=main, merge-base)
  content   mvn -q azbuild:plan                       (content mode)
  diff      mvn -q azbuild:plan -Dazbuild.mode=diff   (diff mode)
and, only when named in --contenders, content-head / diff-head: the same with -Dazbuild.head=HEAD
(the committed state only, as on CI: no work-tree walk).

Every Maven run uses the same Maven (the distribution the repo's mvnw runs), the same MAVEN_OPTS,
-B -o (offline, after an online warm-up), and a private local repository that holds this
worktree's plugin build (-Dmaven.repo.local=WORK/m2 with the user's ~/.m2/repository as a read-only
tail), so a concurrent `mvn install` elsewhere cannot swap the plugin under a run. The round order
rotates, so no contender always runs first. Ratios are per round (contender / baseline of the same
round), then the median over rounds: robust on a noisy machine. Wall and CPU (user+sys of the
process tree) times are both recorded.

The plan's own computation is read from its log line "azbuild plan: N modules decided in X ms"
(PlanMojo), made visible under -q by -Dorg.slf4j.simpleLogger.log.dev.azbuild.mojo.PlanMojo=info
(given to every Maven contender alike).

Also checks correctness: the modules azbuild's diff mode rebuilds, and those GIB reports impacted,
against the expected set (changed module + its transitive dependents, from the generator's DAG).

Usage:
  bench/run.py                       # N = 10,100,1000, K = 5 (about 20 min on 2 quiet cores)
  bench/run.py --smoke               # N = 10, K = 1, no per-case warm-up: a quick CI check
  bench/run.py --sizes 100 --runs 3 --profile   # plus a JFR profile of the largest size
Results: a markdown section on stdout and in WORK/results/decision-<stamp>.md (+ .json);
--append FILE appends the section to FILE (e.g. BENCHMARKS.md).
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GIB = ("io.github.gitflow-incremental-builder", "gitflow-incremental-builder", "4.5.4")
CONTENDERS = ("git", "validate", "gib", "content", "diff")
EXTRA_CONTENDERS = ("content-head", "diff-head")  # -Dazbuild.head=HEAD: committed state only, no work-tree walk
CASES = ("none", "leaf", "base")
# files per module 18 (+ pom.xml, Dockerfile): 20,000 files at N = 1,000
SHAPES = {10: dict(files=18, commits=500), 100: dict(files=18, commits=2000), 1000: dict(files=18, commits=5000)}
PLAN_LINE = re.compile(r"azbuild plan: (\d+) modules decided in (\d+) ms")
LOGGER = "-Dorg.slf4j.simpleLogger.log.dev.azbuild.mojo.PlanMojo=info"
FIXED_DATE = "1800000000 +0000"


def dependents(info, start, from_only=False):
    """start and its transitive dependents in the generator's DAG (bench.json "upstream"); from_only:
    follow only each module's first upstream, the one its Dockerfile is FROM (docker's layer cache
    follows nothing else)."""
    downs = defaultdict(list)
    for m, ups in info["upstream"].items():
        for u in (ups[:1] if from_only else ups):
            downs[u].append(m)
    seen, todo = {start}, [start]
    while todo:
        for d in downs[todo.pop()]:
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sh(cmd, cwd=None, env=None, check=True, capture=True):
    r = subprocess.run(cmd, cwd=cwd, env=env, text=True,
                       stdout=subprocess.PIPE if capture else None, stderr=subprocess.STDOUT if capture else None)
    if check and r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)} in {cwd}\n{r.stdout or ''}")
    return r.stdout or ""


def maven_home():
    out = sh([os.path.join(ROOT, "mvnw"), "-v"], cwd=ROOT)
    m = re.search(r"Maven home: (\S+)", out)
    if not m:
        raise SystemExit("cannot find the Maven home from ./mvnw -v:\n" + out)
    return m.group(1), out.splitlines()[0]


class Bench:
    def __init__(self, a):
        self.a = a
        self.work = a.work
        self.m2 = os.path.join(self.work, "m2")
        self.mvn_home, self.mvn_version = maven_home()
        self.mvn = os.path.join(self.mvn_home, "bin", "mvn")
        self.env = dict(os.environ, MAVEN_OPTS=a.maven_opts, LC_ALL="C")
        for k in [k for k in self.env if k.startswith("AZBUILD_")]:
            self.env.pop(k)  # no registry, no mode or base from the caller's environment
        for k in ("MAVEN_ARGS", "CI", "GITHUB_ACTIONS",
                  "CIRCLECI", "GITLAB_CI", "JENKINS_URL", "BUILDKITE", "CIRCLE_BRANCH", "GITHUB_REF_NAME",
                  "GITHUB_HEAD_REF", "CI_COMMIT_REF_NAME", "BRANCH_NAME", "GIT_BRANCH", "BUILDKITE_BRANCH"):
            self.env.pop(k, None)  # plan as on a laptop: the branch is the checked-out one
        self.repo_flags = [f"-Dmaven.repo.local={self.m2}",
                           f"-Dmaven.repo.local.tail={os.path.expanduser('~/.m2/repository')}"]

    # ---------------------------------------------------------------- setup
    def install_plugin(self):
        log(f"installing this worktree's azbuild into {self.m2}")
        sh([os.path.join(ROOT, "mvnw"), "-B", "-q", "install", "-DskipTests", "-Dinvoker.skip", *self.repo_flags],
           cwd=ROOT, env=self.env)

    def generate(self, n):
        shape = SHAPES.get(n, dict(files=18, commits=min(5000, 5 * n)))
        if self.a.smoke:
            shape = dict(shape, commits=min(shape["commits"], 200))
        repo = os.path.join(self.work, f"repo-{n}")
        opts = dict(modules=n, files_per_module=shape["files"], commits=shape["commits"], depth=self.a.depth,
                    fan_in=self.a.fan_in, seed=self.a.seed)
        meta = os.path.join(repo, ".git", "bench.json")
        if os.path.exists(meta) and not self.a.regenerate:
            with open(meta) as f:
                info = json.load(f)
            if all(info["options"].get(k) == v for k, v in opts.items()):
                log(f"reusing {repo}")
                return repo, info
        log(f"generating {repo} ({opts})")
        t0 = time.perf_counter()
        sh([sys.executable, os.path.join(HERE, "gen-monorepo"), "--modules", str(n), "--files-per-module",
            str(shape["files"]), "--commits", str(shape["commits"]), "--depth", str(self.a.depth),
            "--fan-in", str(self.a.fan_in), "--seed", str(self.a.seed), "--out", repo, "--force"])
        log(f"generated in {time.perf_counter() - t0:.1f} s")
        with open(meta) as f:
            info = json.load(f)
        self.make_cases(repo, info)
        self.make_gib_copy(repo)
        return repo, info

    def make_cases(self, repo, info):
        env = dict(self.env, GIT_AUTHOR_DATE=FIXED_DATE, GIT_COMMITTER_DATE=FIXED_DATE)
        sh(["git", "branch", "-f", "case/none", "main"], cwd=repo)
        for case, key in (("leaf", "leaf"), ("base", "base")):
            path = info[key]["file"]
            sh(["git", "checkout", "-q", "-B", f"case/{case}", "main"], cwd=repo)
            with open(os.path.join(repo, path), "a") as f:
                f.write(f"one more line for the {case} case\n")
            sh(["git", "commit", "-q", "-am", f"Change {path} ({case} case)"], cwd=repo, env=env)
        sh(["git", "checkout", "-q", "main"], cwd=repo)

    def make_gib_copy(self, repo):
        gib = repo + "-gib"
        if os.path.exists(gib):
            shutil.rmtree(gib)
        sh(["cp", "-a", repo, gib])
        os.makedirs(os.path.join(gib, ".mvn"), exist_ok=True)
        with open(os.path.join(gib, ".mvn", "extensions.xml"), "w") as f:
            f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<extensions>
  <extension>
    <groupId>{GIB[0]}</groupId>
    <artifactId>{GIB[1]}</artifactId>
    <version>{GIB[2]}</version>
    <classLoadingStrategy>plugin</classLoadingStrategy>
  </extension>
</extensions>
""")
        with open(os.path.join(gib, ".git", "info", "exclude"), "a") as f:
            f.write("/.mvn/\n")

    def checkout(self, repo, case):
        for r in (repo, repo + "-gib"):
            sh(["git", "checkout", "-q", f"case/{case}"], cwd=r)
            for d in ("target",):
                shutil.rmtree(os.path.join(r, d), ignore_errors=True)
        time.sleep(1.1)  # files older than the index: no racily-clean entries
        for r in (repo, repo + "-gib"):
            os.remove(os.path.join(r, ".git", "index"))
            sh(["git", "reset", "-q"], cwd=r)
            if sh(["git", "status", "--porcelain"], cwd=r).strip():
                raise SystemExit(f"{r} is not clean after checkout of case/{case}")
        return sh(["git", "merge-base", "main", "HEAD"], cwd=repo).strip()

    # ---------------------------------------------------------------- contenders
    def commands(self, repo, base, online=False):
        mvn = [self.mvn, "-B", "-q", *([] if online else ["-o"]), *self.repo_flags, LOGGER]
        gib_log = os.path.join(self.work, "gib-impacted.txt")
        return {
            "git": ([["git", "diff", "--name-only", base, "HEAD"], ["git", "ls-files", "-s"]], repo),
            "validate": ([mvn + ["validate"]], repo),
            "gib": ([mvn + ["validate", "-Dgib.referenceBranch=main", "-Dgib.compareToMergeBase=true",
                            f"-Dgib.logImpactedTo={gib_log}"]], repo + "-gib"),
            "content": ([mvn + ["azbuild:plan"]], repo),
            "diff": ([mvn + ["azbuild:plan", "-Dazbuild.mode=diff"]], repo),
            "content-head": ([mvn + ["azbuild:plan", "-Dazbuild.head=HEAD"]], repo),
            "diff-head": ([mvn + ["azbuild:plan", "-Dazbuild.mode=diff", "-Dazbuild.head=HEAD"]], repo),
        }

    def run_one(self, name, cmds, cwd, label):
        out = os.path.join(self.work, "logs", f"{label}.log")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        wall = 0.0
        cpu = 0.0
        with open(out, "wb") as f:
            for cmd in cmds:
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                p = subprocess.run(cmd, cwd=cwd, env=self.env, stdout=f, stderr=subprocess.STDOUT)
                wall += time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu += (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
                if p.returncode != 0:
                    raise SystemExit(f"{name} failed ({p.returncode}), see {out}: {' '.join(cmd)}")
        own = None
        if name.startswith(("content", "diff")):
            with open(out, errors="replace") as f:
                m = PLAN_LINE.search(f.read())
            if m:
                own = int(m.group(2)) / 1000.0
        return wall, cpu, own

    def warm_up(self, repo, base):
        log(f"online warm-up in {repo} (resolves azbuild and gitflow-incremental-builder)")
        for name, (cmds, cwd) in self.commands(repo, base, online=True).items():
            if name != "git" and name in self.a.contenders:
                self.run_one(name, cmds, cwd, f"warmup-online-{os.path.basename(repo)}-{name}")

    # ---------------------------------------------------------------- checks
    def expected(self, info, case):
        return set() if case == "none" else dependents(info, info[case]["module"])

    def check(self, repo, info, case):
        """Runs diff mode and GIB once more (untimed) and compares their module sets with the DAG's."""
        base = sh(["git", "merge-base", "main", "HEAD"], cwd=repo).strip()
        cmds = self.commands(repo, base)
        self.run_one("diff", *cmds["diff"], f"check-{os.path.basename(repo)}-{case}-diff")
        with open(os.path.join(repo, "target", "azbuild", "plan.json")) as f:
            plan = json.load(f)
        az = {m["id"].split(":")[1] for m in plan["modules"] if m["rebuild"]}
        gib_log = os.path.join(self.work, "gib-impacted.txt")
        if os.path.exists(gib_log):
            os.remove(gib_log)
        self.run_one("gib", *cmds["gib"], f"check-{os.path.basename(repo)}-{case}-gib")
        gib = set()
        if os.path.exists(gib_log):
            with open(gib_log) as f:
                for line in f:
                    line = line.strip()
                    if line:
                        gib.add(os.path.basename(line.rstrip("/")))
        gib.discard("root")
        gib = {g for g in gib if g in info["upstream"]}
        exp = self.expected(info, case)
        return {"expected": len(exp), "azbuildDiff": len(az), "azbuildDiffExact": az == exp,
                "gib": len(gib), "gibExact": gib == exp}

    # ---------------------------------------------------------------- main loop
    def run(self):
        os.makedirs(self.work, exist_ok=True)
        if not self.a.no_install:
            self.install_plugin()
        results = []
        checks = {}
        meta = {}
        for n in self.a.sizes:
            repo, info = self.generate(n)
            meta[n] = {"files": info["files"], "commits": info["commits"], "levels": len(info["levels"]),
                       "leaves": info["leaves"], "withPatterns": info["withPatterns"], "staged": info["staged"]}
            base = self.checkout(repo, "none")
            self.warm_up(repo, base)
            for case in self.a.cases:
                base = self.checkout(repo, case)
                cmds = self.commands(repo, base)
                if self.a.warmup:
                    for name in self.a.contenders:
                        self.run_one(name, *cmds[name], f"warm-{n}-{case}-{name}")
                for r in range(self.a.runs):
                    order = list(self.a.contenders)
                    k = r % len(order)
                    order = order[k:] + order[:k]
                    for name in order:
                        wall, cpu, own = self.run_one(name, *cmds[name], f"run-{n}-{case}-{name}-{r}")
                        results.append(dict(n=n, case=case, contender=name, round=r, wall=wall, cpu=cpu, own=own))
                    line = " ".join(f"{x['contender']}={x['wall']:.2f}" for x in results
                                    if x["n"] == n and x["case"] == case and x["round"] == r)
                    log(f"N={n} {case} round {r + 1}/{self.a.runs}: {line}")
                if "diff" in self.a.contenders and "gib" in self.a.contenders:
                    checks[(n, case)] = self.check(repo, info, case)
                    log(f"N={n} {case} check: {checks[(n, case)]}")
                save(os.path.join(self.work, "results", "partial.json"), None, self.a, results, checks, meta, None)
        profile = self.profile(max(self.a.sizes)) if self.a.profile else None
        return results, checks, meta, profile

    # ---------------------------------------------------------------- profile
    def profile(self, n):
        repo = os.path.join(self.work, f"repo-{n}")
        out = {}
        for mode, case in PROFILED:
            base = self.checkout(repo, case)
            cmds, cwd = self.commands(repo, base)[mode]
            files = []
            for i in range(self.a.profile_runs):
                jfr = os.path.join(self.work, f"plan-{n}-{mode}-{i}.jfr")
                env_opts = self.env["MAVEN_OPTS"]
                self.env["MAVEN_OPTS"] = (env_opts + " -XX:FlightRecorderOptions=stackdepth=1024 "
                                          f"-XX:StartFlightRecording=settings=profile,filename={jfr}").strip()
                try:
                    self.run_one(mode, cmds, cwd, f"profile-{n}-{mode}-{i}")
                finally:
                    self.env["MAVEN_OPTS"] = env_opts
                files.append(jfr)
            out[mode] = summarize_recordings(files, case)
            log(f"profile {mode}: {out[mode]['samples']} samples")
        return out


PROFILED = (("validate", "none"), ("content", "none"), ("diff", "leaf"))


def summarize_recordings(files, case):
    stacks = [s for f in files for s in jfr_samples(f)]
    p = summarize_profile(stacks, case)
    p["runs"] = len(files)
    p["jit"] = statistics.mean(jfr_jit_seconds(f) for f in files)
    p["gc"] = statistics.mean(jfr_gc_pause_seconds(f) for f in files)
    return p


# -------------------------------------------------------------------- JFR
def jfr_samples(path):
    """Stacks (top frame first) of the jdk.ExecutionSample events of one recording."""
    r = subprocess.run(["jfr", "print", "--json", "--stack-depth", "1024", "--events", "jdk.ExecutionSample", path],
                       stdout=subprocess.PIPE, text=True, check=True)
    data = json.loads(r.stdout)
    stacks = []
    for ev in data["recording"]["events"]:
        frames = ev["values"]["stackTrace"]["frames"] if ev["values"].get("stackTrace") else []
        stacks.append([f"{f['method']['type']['name'].replace('/', '.')}.{f['method']['name']}" for f in frames])
    return stacks


def jfr_events(path, event):
    r = subprocess.run(["jfr", "print", "--json", "--events", event, path], stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(r.stdout)["recording"]["events"]


def iso_seconds(v):
    if isinstance(v, (int, float)):
        return float(v)
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$", v or "")
    return (int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)) if m else 0.0


def jfr_jit_seconds(path):
    """Total JIT compilation time (all compiler threads) from the last jdk.CompilerStatistics event."""
    ev = jfr_events(path, "jdk.CompilerStatistics")
    return iso_seconds(ev[-1]["values"]["totalTimeSpent"]) / (1000.0 if isinstance(ev[-1]["values"]["totalTimeSpent"], (int, float)) else 1.0) if ev else 0.0


def jfr_gc_pause_seconds(path):
    return sum(iso_seconds(e["values"]["sumOfPauses"]) for e in jfr_events(path, "jdk.GarbageCollection"))


PHASES = (
    ("azbuild: RepoSnapshot.ofWorkingTree (JGit index + work-tree walk)", "dev.azbuild.git.RepoSnapshot.ofWorkingTree"),
    ("azbuild: RepoSnapshot.ofCommit (JGit tree walk)", "dev.azbuild.git.RepoSnapshot.ofCommit"),
    ("azbuild: ChangedFiles (JGit diff)", "dev.azbuild.git.ChangedFiles"),
    ("azbuild: InputHasher (hashing input trees)", "dev.azbuild.hashing.InputHasher"),
    ("azbuild: ModuleGraph.build (Dockerfiles, edges)", "dev.azbuild.graph.ModuleGraph"),
    ("azbuild: base commit (merge-base)", "dev.azbuild.git.BaseCommitResolver"),
    ("azbuild: GitRepo.open (JGit repository, config)", "dev.azbuild.git.GitRepo.open"),
    ("azbuild: .rebuild_patterns / matching", "dev.azbuild.patterns.RebuildPatterns"),
    ("azbuild: DockerIgnore", "dev.azbuild.dockerfile.DockerIgnore"),
    ("azbuild: PlanReport (table, plan.json, input trees)", "dev.azbuild.plan.PlanReport"),
    ("azbuild: MavenReactor (reactor to modules)", "dev.azbuild.mojo.MavenReactor"),
    ("azbuild: other", "dev.azbuild."),
    ("maven: plugin realm (resolve + load the plugin's dependencies)", "org.apache.maven.plugin.internal.DefaultMavenPluginManager.setupPluginRealm"),
    ("maven: plugin realm (resolve + load the plugin's dependencies)", "org.apache.maven.plugin.DefaultBuildPluginManager.getPluginRealm"),
    ("maven: mojo instantiation / configuration", "org.apache.maven.plugin.internal.DefaultMavenPluginManager.getConfiguredMojo"),
    ("maven: plugin descriptor / prefix resolution", "org.apache.maven.plugin."),
    ("maven: plugin descriptor / prefix resolution", "org.apache.maven.lifecycle.internal.MojoDescriptorCreator"),
    ("maven: project model building (ProjectBuilder)", "org.apache.maven.project."),
    ("maven: project model building (ProjectBuilder)", "org.apache.maven.model."),
    ("maven: reactor graph", "org.apache.maven.graph."),
    ("maven: lifecycle calculation / execution", "org.apache.maven.lifecycle."),
    ("maven resolver (aether)", "org.eclipse.aether."),
    ("maven start-up: plexus/sisu container (Guice)", "org.eclipse.sisu."),
    ("maven start-up: plexus/sisu container (Guice)", "org.codehaus.plexus.DefaultPlexusContainer"),
    ("class loading (classworlds realms)", "org.codehaus.plexus.classworlds.realm."),
    ("maven start-up: plexus/sisu container (Guice)", "com.google.inject."),
    ("JDK: signed-jar verification (class loading)", "sun.security.util.ManifestEntryVerifier"),
    ("JDK: signed-jar verification (class loading)", "java.util.jar.JarVerifier"),
    ("JDK: class loading", "java.lang.ClassLoader."),
    ("maven: other (session, CLI start-up, settings, core extensions)", "org.apache.maven."),
)


def phase_of(stack):
    for label, prefix in PHASES:
        if any(fr.startswith(prefix) for fr in stack):
            return label
    return "other (JVM, JDK, logging)"


def summarize_profile(stacks, case):
    total = len(stacks) or 1
    phases = Counter(phase_of(s) for s in stacks)
    self_top = Counter(s[0] for s in stacks if s)
    az_incl = Counter()
    for s in stacks:
        for fr in set(f for f in s if f.startswith("dev.azbuild.")):
            az_incl[fr] += 1
    az_self = Counter()  # innermost azbuild frame, and the frame it calls
    for s in stacks:
        for i, fr in enumerate(s):
            if fr.startswith("dev.azbuild."):
                callee = s[i - 1] if i > 0 else "(self)"
                az_self[f"{fr} -> {callee}"] += 1
                break
    pct = lambda c: round(100.0 * c / total, 1)
    return {
        "case": case,
        "samples": len(stacks),
        "phases": [(k, v, pct(v)) for k, v in phases.most_common()],
        "selfTop": [(k, v, pct(v)) for k, v in self_top.most_common(15)],
        "azbuildInclusive": [(k, v, pct(v)) for k, v in az_incl.most_common(15)],
        "azbuildInnermost": [(k, v, pct(v)) for k, v in az_self.most_common(12)],
    }


# -------------------------------------------------------------------- report
def fit_exponent(points):
    pts = [(math.log(n), math.log(t)) for n, t in points if t and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else None


def report(a, results, checks, meta, profile, mvn_version, command):
    by = defaultdict(list)
    for r in results:
        by[(r["n"], r["case"], r["contender"])].append(r)
    rounds = defaultdict(dict)
    for r in results:
        rounds[(r["n"], r["case"], r["round"])][r["contender"]] = r

    def paired(n, case, name, ref, key="wall"):
        vals = []
        for (rn, rc, _), row in rounds.items():
            if rn == n and rc == case and name in row and ref in row and row[ref][key] > 0:
                vals.append(row[name][key] / row[ref][key])
        return statistics.median(vals) if vals else None

    def overhead_ratio(n, case):
        vals = []
        for (rn, rc, _), row in rounds.items():
            if rn == n and rc == case and all(c in row for c in ("content", "gib", "validate")):
                g = row["gib"]["wall"] - row["validate"]["wall"]
                p = row["content"]["wall"] - row["validate"]["wall"]
                vals.append((p, g))
        if not vals:
            return None
        p = statistics.median(v[0] for v in vals)
        g = statistics.median(v[1] for v in vals)
        return p, g

    L = []
    w = L.append
    w(f"### Scenario 1: decision speed ({datetime.date.today().isoformat()}, K = {a.runs} rounds)\n")
    w(f"Command: `{command}`\n")
    w("Repositories (bench/gen-monorepo, seed %d, depth %d, fan-in %d):\n" % (a.seed, a.depth, a.fan_in))
    w("| N | files | commits | levels | leaves | .rebuild_patterns | named stages |")
    w("|---:|---:|---:|---:|---:|---:|---:|")
    for n in a.sizes:
        m = meta[n]
        w(f"| {n} | {m['files']:,} | {m['commits']:,} | {m['levels']} | {m['leaves']} | {m['withPatterns']} | {m['staged']} |")
    w("")
    fmt = lambda v: "—" if v is None else f"{v:.2f}"
    for n in a.sizes:
        w(f"#### N = {n}\n")
        w("| case | contender | wall min / median / max (s) | CPU median (s) | × validate | × git floor | plan's own (ms, median) |")
        w("|---|---|---|---:|---:|---:|---:|")
        for case in a.cases:
            for name in a.contenders:
                rs = by.get((n, case, name))
                if not rs:
                    continue
                walls = [r["wall"] for r in rs]
                cpus = [r["cpu"] for r in rs]
                owns = [r["own"] for r in rs if r["own"] is not None]
                vv = paired(n, case, name, "validate") if "validate" in a.contenders else None
                vg = paired(n, case, name, "git") if "git" in a.contenders else None
                own = f"{statistics.median(owns) * 1000:.0f}" if owns else ""
                vgs = "—" if vg is None else f"{vg:.0f}"
                w(f"| {case} | {name} | {min(walls):.3f} / {statistics.median(walls):.3f} / {max(walls):.3f} | "
                  f"{statistics.median(cpus):.2f} | {fmt(vv)} | {vgs} | {own} |")
        w("")
        lines = []
        for case in a.cases:
            o = overhead_ratio(n, case)
            own_vs_git = None
            owns = []
            for (rn, rc, _), row in rounds.items():
                if rn == n and rc == case and "content" in row and "git" in row and row["content"]["own"] is not None:
                    owns.append(row["content"]["own"] / row["git"]["wall"])
            if owns:
                own_vs_git = statistics.median(owns)
            if o:
                p, g = o
                lines.append(f"- {case}: decision overhead over validate (median of per-round differences): "
                             f"azbuild content {p * 1000:+.0f} ms, gitflow-incremental-builder {g * 1000:+.0f} ms"
                             + (f" (azbuild/GIB = {p / g:.2f})" if g > 0 else "")
                             + (f"; plan's own computation = {own_vs_git:.1f}x the git floor" if own_vs_git else ""))
            c = checks.get((n, case))
            if c:
                lines.append(f"  - correctness: expected {c['expected']} modules to rebuild; azbuild diff mode "
                             f"rebuilds {c['azbuildDiff']} ({'exact' if c['azbuildDiffExact'] else 'MISMATCH'}); "
                             f"GIB impacted {c['gib']} ({'exact' if c['gibExact'] else 'differs'})")
        L.extend(lines)
        w("")
    if len(a.sizes) >= 2:
        w("#### Scaling (scenario 5, decision part): fitted exponent b of time ∝ N^b, log-log least squares on medians\n")
        w("| case | " + " | ".join(a.contenders) + " | plan's own (content) | plan's own (diff) |")
        w("|---|" + "---:|" * (len(a.contenders) + 2))
        for case in a.cases:
            cells = []
            for name in a.contenders:
                pts = [(n, statistics.median(r["wall"] for r in by[(n, case, name)])) for n in a.sizes if by.get((n, case, name))]
                b = fit_exponent(pts)
                cells.append("—" if b is None else f"{b:.2f}")
            for name in ("content", "diff"):
                pts = []
                for n in a.sizes:
                    owns = [r["own"] for r in by.get((n, case, name), []) if r["own"] is not None]
                    if owns:
                        pts.append((n, statistics.median(owns)))
                b = fit_exponent(pts)
                cells.append("—" if b is None else f"{b:.2f}")
            w(f"| {case} | " + " | ".join(cells) + " |")
        w("")
    if profile:
        n = max(a.sizes)
        modes = [m for m, _ in PROFILED if m in profile]
        w(f"#### JFR profile at N = {n} (settings=profile, {a.profile_runs} runs each; per-run averages)\n")
        w("Execution samples are taken only from threads running Java code; JIT compilation (compiler threads) and GC "
          "are reported separately.\n")
        w("| where the samples are (first match on the stack) | " + " | ".join(
            f"{m} ({profile[m]['case']})" for m in modes) + " |")
        w("|---|" + "---:|" * len(modes))
        labels = []
        for m in modes:
            for k, _, _ in profile[m]["phases"]:
                if k not in labels:
                    labels.append(k)
        for k in labels:
            cells = []
            for m in modes:
                v = next((c for kk, c, _ in profile[m]["phases"] if kk == k), 0)
                cells.append(f"{v / profile[m]['runs']:.0f}")
            w(f"| {k} | " + " | ".join(cells) + " |")
        w("| **all Java samples** | " + " | ".join(f"**{profile[m]['samples'] / profile[m]['runs']:.0f}**" for m in modes) + " |")
        w("| JIT compiler threads busy, summed wall time of compile tasks (s) | " + " | ".join(f"{profile[m]['jit']:.1f}" for m in modes) + " |")
        w("| GC pauses (s) | " + " | ".join(f"{profile[m]['gc']:.2f}" for m in modes) + " |")
        w("")
        for mode in modes:
            if mode == "validate":
                continue
            p = profile[mode]
            w(f"Hottest azbuild frames, {mode} mode (inclusive, share of all samples of the run):\n")
            w("| frame | samples | % |")
            w("|---|---:|---:|")
            for k, v, pc in p["azbuildInclusive"]:
                if "$$Lambda" not in k:
                    w(f"| `{k}` | {v} | {pc} |")
            w("")
            w(f"Innermost azbuild frame → what it calls, {mode} mode:\n")
            w("| frame → callee | samples | % |")
            w("|---|---:|---:|")
            for k, v, pc in p["azbuildInnermost"]:
                w(f"| `{re.sub(r'[$][$]Lambda.*? ->', '$$Lambda ->', k)}` | {v} | {pc} |")
            w("")
    return "\n".join(L) + "\n"


def save(path, facts, a, results, checks, meta, profile):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"facts": facts, "args": dict(vars(a)), "results": results, "meta": meta,
                   "checks": {f"{k[0]}/{k[1]}": v for k, v in checks.items()}, "profile": profile}, f, indent=1)


def load(path):
    with open(path) as f:
        d = json.load(f)
    checks = {(int(k.split("/")[0]), k.split("/")[1]): v for k, v in d["checks"].items()}
    meta = {int(k): v for k, v in d["meta"].items()}
    return d["results"], checks, meta, d.get("profile")


def machine_facts(mvn_version):
    def first(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]
        except Exception:
            return "?"
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"date": datetime.datetime.now().isoformat(timespec="seconds"), "nproc": os.cpu_count(), "cpu": cpu,
            "memory": mem, "kernel": platform.release(), "java": first(["java", "-version"]), "maven": mvn_version,
            "git": first(["git", "--version"]), "python": platform.python_version(),
            "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def main():
    ap = argparse.ArgumentParser(description="issue 7 scenario 1: decision speed; scenario 5: its scaling")
    ap.add_argument("--sizes", default="10,100,1000", help="module counts N, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="rounds K (each runs every contender once)")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--contenders", default=",".join(CONTENDERS))
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--fan-in", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default="/tmp/azbuild-bench", help="where repos, logs and results go")
    ap.add_argument("--maven-opts", default="", help="MAVEN_OPTS for every Maven run (same for all)")
    ap.add_argument("--no-warmup", dest="warmup", action="store_false", help="skip the untimed run per case")
    ap.add_argument("--no-install", action="store_true", help="do not (re)install this worktree's plugin first")
    ap.add_argument("--regenerate", action="store_true", help="regenerate repos even if the options match")
    ap.add_argument("--profile", action="store_true", help="also record a JFR profile of plan at the largest N")
    ap.add_argument("--profile-runs", type=int, default=3)
    ap.add_argument("--smoke", action="store_true", help="N = 10, K = 1, no warm-up: a quick check")
    ap.add_argument("--append", help="append the markdown section to this file")
    ap.add_argument("--report-from", help="only render the report of a saved results .json (e.g. partial.json)")
    a = ap.parse_args()
    if a.smoke:
        a.sizes, a.runs, a.warmup = "10", 1, False
    a.sizes = [int(x) for x in str(a.sizes).split(",")]
    a.cases = [c for c in a.cases.split(",") if c]
    a.contenders = [c for c in a.contenders.split(",") if c]
    for c in a.cases:
        if c not in CASES:
            ap.error(f"unknown case {c}; use {','.join(CASES)}")
    for c in a.contenders:
        if c not in CONTENDERS + EXTRA_CONTENDERS:
            ap.error(f"unknown contender {c}; use {','.join(CONTENDERS + EXTRA_CONTENDERS)}")
    command = "bench/run.py " + " ".join(sys.argv[1:])
    if a.report_from:
        results, checks, meta, profile = load(a.report_from)
        a.sizes = [n for n in a.sizes if n in meta]
        if a.profile:  # re-read the recordings left in WORK
            n = max(a.sizes)
            profile = {}
            for mode, case in PROFILED:
                files = [os.path.join(a.work, f"plan-{n}-{mode}-{i}.jfr") for i in range(a.profile_runs)]
                files = [f for f in files if os.path.exists(f)]
                if files:
                    profile[mode] = summarize_recordings(files, case)
        print(report(a, results, checks, meta, profile, "", command))
        return
    b = Bench(a)
    facts = machine_facts(b.mvn_version)
    log(f"machine: {facts}")
    t0 = time.perf_counter()
    results, checks, meta, profile = b.run()
    facts["loadAfter"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    md = report(a, results, checks, meta, profile, b.mvn_version, command)
    md += (f"\nMachine: {facts['nproc']} cores ({facts['cpu']}), {facts['memory']}, kernel {facts['kernel']}; "
           f"{facts['java']}; {facts['maven']}; {facts['git']}; started {facts['date']}, load average "
           f"{facts['load']} before and {facts['loadAfter']} after; whole run {time.perf_counter() - t0:.0f} s.\n")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    os.makedirs(os.path.join(a.work, "results"), exist_ok=True)
    base = os.path.join(a.work, "results", f"decision-{stamp}")
    with open(base + ".md", "w") as f:
        f.write(md)
    save(base + ".json", facts, a, results, checks, meta, profile)
    if a.append:
        with open(a.append, "a") as f:
            f.write("\n" + md)
    print(md)
    log(f"results in {base}.md and .json")
    bad = [k for k, v in checks.items() if not v["azbuildDiffExact"]]
    if bad:
        log(f"azbuild diff mode rebuilt the wrong modules in {bad}")
        sys.exit(1)


if __name__ == "__main__":
    main()
