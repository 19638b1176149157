#!/usr/bin/env python3
"""Issue 7, scenarios 2-4 and the build part of 5: image builds and deploys, side by side.

Contenders (each with its OWN clone of the generated repository and its OWN docker-registry process
on a private loopback port, so the registry's access log holds only that contender's traffic):

  azbuild  mvn azbuild:build -Dazbuild.cacheRegistry=127.0.0.1:PORT/az      (content mode, the default)
  seed     bench/seed-build: the seed's `build` per module in dependency order (pull parents from
           this build or master, prime the cache from the branch else master, named stages,
           docker build --cache-from, push branch + commit tags)
  fabric8  mvn docker:build docker:push with io.fabric8:docker-maven-plugin 0.49.0 configured in the
           clone's root pom (image = artifactId, tags latest + commit, push registry 127.0.0.1:PORT)
  validate mvn validate in the azbuild clone: the baseline (Maven's own start-up and reactor cost)

Scenarios, per size N (bench/gen-monorepo, 20 MB incompressible payload layer per image by default):
  setup      every contender's first build of main (timed and reported, not a scenario)
  2 none     rebuild with no change: "same" = the commit just built again, "readme" = a new commit
             that only changes README.md at the root; each on a COLD daemon (every image this
             benchmark created removed first — only those: found by its registries' host:port and
             its labels) and a WARM one (right after the cold run, the contender's images still local)
  3 leaf     a new commit changing one file of a leaf module; "base": one file of the root module
             every module depends on. Cold daemon. Which modules each contender rebuilt: azbuild
             from build.json; seed and fabric8 by comparing each module's image id with the one
             its previous run produced.
  4 deploy   (--deploy-size, a separate repository whose modules all have a terraform/ dir):
             azbuild:deploy vs bench/seed-deploy after a README-only commit ("none") and after a
             leaf change ("one"); terraform applies and restarts from deploy.json / the script.
Bytes: from each registry's access log (blob GETs answered 200: bytes written; blob uploads
completed (PUT ...?digest=): the blob's size in the registry's storage; cross-repository mounts
move no bytes), plus azbuild's own build.json figures.

Checks that fail the run (exit 1, after saving the partial results):
  * azbuild rebuilds exactly the expected modules (changed module + transitive Maven dependents;
    none for "none"), and moves zero blob bytes for "none";
  * the seed's flow rebuilds (new image id) exactly the changed module's FROM-chain dependents
    (docker's layer cache only follows FROM, not the other Maven dependencies), on every run;
  * fabric8 on a warm daemon does the same; on a cold one it has no layer cache (reported, not checked).

Usage:
  bench/build_bench.py --smoke                       # N = 10, 1 MB payload, K = 1, + deploy at N = 10
  bench/build_bench.py --sizes 10,100 --runs 2       # the run in BENCHMARKS.md
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as decision  # noqa: E402  (bench/run.py: Maven set-up, machine facts, exponent fit)
from run import dependents, fit_exponent, log, machine_facts, sh  # noqa: E402

CONTENDERS = ("azbuild", "seed", "fabric8")
FABRIC8 = ("io.fabric8", "docker-maven-plugin", "0.49.0")
# Images this benchmark creates are found by a tag unique to its --work dir (two runs may share a daemon):
LABEL_KEY = "dev.azbuild.bench"  # seed and fabric8 images carry LABEL_KEY=<run tag>
SCM_URL = "https://bench.azbuild.invalid/"  # azbuild images: org.opencontainers.image.source=SCM_URL<run tag>/...
# Maven's log lines get a time stamp (every Maven contender alike): where a build spends its time
TIMESTAMPS = ("-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS")
S2_RUNS = ("same-cold", "same-warm", "readme-cold", "readme-warm")
S3_CASES = ("leaf", "base")
FIXED_DATE = decision.FIXED_DATE
TERRAFORM = """variable "image" {
  type = string
}

resource "terraform_data" "service" {
  input = var.image
}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------------------ registry
class Registry:
    """A private docker-registry (distribution) with its own storage and access log."""

    def __init__(self, work, name):
        self.name = name
        self.dir = os.path.join(work, "registries", name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "storage"))
        self.port = free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "registry.log")
        config = os.path.join(self.dir, "config.yml")
        with open(config, "w") as f:
            f.write(f"""version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: {self.dir}/storage
  delete:
    enabled: true
http:
  addr: {self.host}
  secret: build-bench-{name}
""")
        self.out = open(self.log_path, "ab")
        self.proc = subprocess.Popen(["docker-registry", "serve", config], stdout=self.out, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"registry {name} did not start on {self.host}; see {self.log_path}")
        log(f"registry {name}: {self.host} (pid {self.proc.pid}), log {self.log_path}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.out.close()

    def mark(self):
        self.out.flush()
        return os.path.getsize(self.log_path)

    FIELD = re.compile(r'([\w.]+)=("(?:[^"\\]|\\.)*"|\S+)')

    def traffic(self, since):
        """Blob bytes pulled and pushed since a mark(), from the access log and the storage."""
        t = dict(pulled=0, pushed=0, blobGets=0, blobUploads=0, mounts=0, manifestPuts=0, manifestGets=0, requests=0)
        with open(self.log_path, "rb") as f:
            f.seek(since)
            text = f.read().decode(errors="replace")
        for line in text.splitlines():
            if 'msg="response completed"' not in line:
                continue
            kv = {k: v.strip('"') for k, v in self.FIELD.findall(line)}
            method, uri = kv.get("http.request.method"), kv.get("http.request.uri", "")
            status = int(kv.get("http.response.status", "0"))
            t["requests"] += 1
            if "/blobs/uploads/" in uri:
                m = re.search(r"[?&]digest=sha256(?::|%3A)([0-9a-f]{64})", uri)
                if method == "PUT" and status == 201 and m:
                    t["blobUploads"] += 1
                    t["pushed"] += self.blob_size(m.group(1))
                elif method == "POST" and status == 201 and "mount=" in uri:
                    t["mounts"] += 1
            elif "/blobs/sha256:" in uri and method == "GET" and status == 200:
                t["blobGets"] += 1
                t["pulled"] += int(kv.get("http.response.written", "0"))
            elif "/manifests/" in uri and method == "PUT" and status == 201:
                t["manifestPuts"] += 1
            elif "/manifests/" in uri and method == "GET" and status == 200:
                t["manifestGets"] += 1
        return t

    def blob_size(self, hexdigest):
        path = os.path.join(self.dir, "storage", "docker", "registry", "v2", "blobs", "sha256", hexdigest[:2],
                            hexdigest, "data")
        return os.path.getsize(path) if os.path.exists(path) else 0

    def storage_bytes(self):
        return int(sh(["du", "-sb", os.path.join(self.dir, "storage")]).split()[0])


# ------------------------------------------------------------------------------------------ docker
class Images:
    """Finds and removes ONLY the images this benchmark created: tagged under one of its registries'
    host:port, or labelled by it (seed/fabric8: LABEL_KEY=tag; azbuild: its source label = SCM_URL+tag...).
    After a removal no image may be left under a module's plain name: else a "cold" run would be warm."""

    def __init__(self, hosts, tag):
        self.hosts = hosts
        self.names = set()  # the modules' plain image names (unique per run through --prefix)
        self.label = f"{LABEL_KEY}={tag}"
        self.source = SCM_URL + tag

    def ours(self):
        ids = set()
        for line in sh(["docker", "images", "--no-trunc", "--format", "{{.ID}} {{.Repository}}"]).splitlines():
            parts = line.split()
            if len(parts) == 2 and any(parts[1].startswith(h + "/") for h in self.hosts):
                ids.add(parts[0])
        ids |= set(sh(["docker", "images", "-q", "--no-trunc", "--filter", f"label={self.label}"]).split())
        az = sh(["docker", "images", "-q", "--no-trunc", "--filter", "label=org.opencontainers.image.source"]).split()
        for i, src in self.inspect(az, '{{index .Config.Labels "org.opencontainers.image.source"}}'):
            if src.startswith(self.source):
                ids.add(i)
        return ids

    @staticmethod
    def inspect(ids, fmt):
        if not ids:
            return []
        out = sh(["docker", "image", "inspect", "--format", "{{.Id}} " + fmt, *sorted(set(ids))], check=False)
        return [tuple(line.split(" ", 1)) for line in out.splitlines() if line.startswith("sha256:") and " " in line]

    def remove_all(self):
        """docker rmi -f, newest first (a child before its parent); returns how many were removed."""
        ids = self.ours()
        created = sorted(self.inspect(ids, "{{.Created}}"), key=lambda x: x[1], reverse=True)
        if created:
            sh(["docker", "rmi", "-f", *[i for i, _ in created]], check=False)
        left = self.ours()
        if left:
            raise SystemExit(f"could not remove {len(left)} of this benchmark's images: {sorted(left)[:5]}")
        plain = [line for line in sh(["docker", "images", "--format", "{{.Repository}}:{{.Tag}}"]).splitlines()
                 if line.split(":")[0] in self.names]
        if plain:
            raise SystemExit(f"images under the modules' plain names survived the clean-up (not labelled?): {plain[:5]}")
        return len(created)

    @staticmethod
    def ids(refs):
        out = {}
        for ref in refs:
            r = subprocess.run(["docker", "image", "inspect", "--format", "{{.Id}}", ref], text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            out[ref] = r.stdout.strip() if r.returncode == 0 else None
        return out


# ------------------------------------------------------------------------------------------ repos
def git(repo, *args, env=None):
    return sh(["git", *args], cwd=repo, env=env).strip()


def commit_all(repo, message, env):
    env = dict(env, GIT_AUTHOR_DATE=FIXED_DATE, GIT_COMMITTER_DATE=FIXED_DATE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, env=env)
    return git(repo, "rev-parse", "HEAD")


def append(repo, path, text):
    full = os.path.join(repo, path)
    with open(full, "a") as f:
        f.write(text)


def add_scm(repo, tag):
    """Every azbuild image gets org.opencontainers.image.source = SCM_URL<tag>/<module>: how cleanup finds them."""
    pom = os.path.join(repo, "pom.xml")
    with open(pom) as f:
        text = f.read()
    text = text.replace("  <properties>", f"  <scm>\n    <url>{SCM_URL}{tag}</url>\n  </scm>\n\n  <properties>", 1)
    with open(pom, "w") as f:
        f.write(text)


def add_fabric8(repo, registry_host):
    """fabric8 docker-maven-plugin in the clone's root pom: each module's Dockerfile, image name =
    artifactId (the plain name the Dockerfiles' FROM lines use), tags latest + ${bench.commit}."""
    pom = os.path.join(repo, "pom.xml")
    with open(pom) as f:
        text = f.read()
    plugin = f"""      <plugin>
        <groupId>{FABRIC8[0]}</groupId>
        <artifactId>{FABRIC8[1]}</artifactId>
        <version>{FABRIC8[2]}</version>
        <configuration>
          <pushRegistry>{registry_host}</pushRegistry>
          <images>
            <image>
              <name>${{project.artifactId}}</name>
              <build>
                <contextDir>${{project.basedir}}</contextDir>
                <filter>false</filter>
                <tags>
                  <tag>${{bench.commit}}</tag>
                </tags>
              </build>
            </image>
          </images>
        </configuration>
      </plugin>
    </plugins>"""
    text = text.replace("    </plugins>", plugin, 1)
    with open(pom, "w") as f:
        f.write(text)


# ------------------------------------------------------------------------------------------ the bench
class BuildBench:
    def __init__(self, a):
        self.a = a
        self.maven = decision.Bench(a)  # env without AZBUILD_*/CI variables, private local repo, mvn
        self.tag = "bb-" + hashlib.sha1(os.path.abspath(a.work).encode()).hexdigest()[:8]
        self.env = dict(self.maven.env, DOCKER_BUILDKIT="0", SEED_LABEL=f"{LABEL_KEY}={self.tag}")
        self.results = []
        self.registries = {}
        self.images = None
        self.last_ids = {}
        self.containers = set()
        self.failures = []
        self.meta = {}

    # ---------------------------------------------------------------- set-up
    def mvn(self, *args, online=False):
        return [self.maven.mvn, "-B", *([] if online else ["-o"]), *self.maven.repo_flags, *TIMESTAMPS, *args]

    def registry(self, name):
        if name not in self.registries:
            self.registries[name] = Registry(self.a.work, name)
            self.images = Images([r.host for r in self.registries.values()], self.tag)
        return self.registries[name]

    def generate(self, n, payload, terraform=False):
        tag = f"repo-{n}-{payload}" + ("-tf" if terraform else "")
        gen = os.path.join(self.a.work, tag, "gen")
        log(f"generating {gen}")
        sh([sys.executable, os.path.join(HERE, "gen-monorepo"), "--modules", str(n), "--files-per-module", "18",
            "--commits", str(self.a.commits), "--depth", str(self.a.depth), "--fan-in", str(self.a.fan_in),
            "--seed", str(self.a.seed), "--payload-bytes", str(payload), "--prefix", self.a.prefix, "--out", gen, "--force"])
        with open(os.path.join(gen, ".git", "bench.json")) as f:
            info = json.load(f)
        add_scm(gen, self.tag)
        if terraform:
            for d in info["dirs"].values():
                os.makedirs(os.path.join(gen, d, "terraform"), exist_ok=True)
                with open(os.path.join(gen, d, "terraform", "main.tf"), "w") as f:
                    f.write(TERRAFORM)
        commit_all(gen, "Benchmark set-up: scm url" + (", terraform per module" if terraform else ""), self.env)
        order = [m for level in info["levels"] for m in level]  # levels are a topological order
        modules = os.path.join(self.a.work, tag, "modules.txt")
        with open(modules, "w") as f:
            for m in order:
                f.write(f"{info['dirs'][m]} {m}\n")
        return os.path.join(self.a.work, tag), gen, info, modules

    def clone(self, root, gen, name):
        repo = os.path.join(root, name)
        shutil.rmtree(repo, ignore_errors=True)
        sh(["cp", "-a", gen, repo])
        shutil.rmtree(os.path.join(repo, "target"), ignore_errors=True)
        return repo

    # ---------------------------------------------------------------- contenders
    def run_cmd(self, cmd, cwd, label):
        out = os.path.join(self.a.work, "logs", f"{label}.log")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        t0 = time.perf_counter()
        with open(out, "wb") as f:
            p = subprocess.run(cmd, cwd=cwd, env=self.env, stdout=f, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            self.fail(f"{label} failed ({p.returncode}), see {out}: {' '.join(cmd)}")
        with open(out, errors="replace") as f:
            return wall, f.read()

    def build(self, name, ctx, label, threads=None):
        """One build by one contender; returns wall, rebuilt images, registry traffic, tool's bytes."""
        repo, reg = ctx["repo"], ctx["registry"]
        commit = git(repo, "rev-parse", "HEAD")
        mark = reg.mark()
        tool = {}
        if name == "azbuild":
            shutil.rmtree(os.path.join(repo, "target"), ignore_errors=True)
            wall, _ = self.run_cmd(self.mvn("azbuild:build", f"-Dazbuild.cacheRegistry={reg.host}/az",
                                               *(["-T", str(threads)] if threads else [])), repo, label)
            with open(os.path.join(repo, "target", "azbuild", "build.json")) as f:
                report = json.load(f)["modules"]
            rebuilt = {m["image"] for m in report if m["action"] == "built"}
            tool = dict(pushed=sum(m["bytesPushed"] for m in report), pulled=sum(m["bytesPulled"] for m in report),
                        actions=dict(sorted(_count(m["action"] for m in report).items())))
            if len(report) != ctx["n"]:
                self.fail(f"{label}: build.json lists {len(report)} modules, expected {ctx['n']}")
        elif name == "seed":
            wall, out = self.run_cmd([os.path.join(HERE, "seed-build"), f"{reg.host}/seed", "main", commit,
                                      ctx["modules"]], repo, label)
            ids = {m: i for _, m, i, _ in re.findall(r"^(seed-build) (\S+) (\S+) (\S+)$", out, re.M)}
            rebuilt = self.changed_ids(name, ids)
        else:
            wall, _ = self.run_cmd(self.mvn("docker:build", "docker:push", f"-Dbench.commit={commit}",
                                            "-pl", "!bench.mono:root"), repo, label)
            ids = {m: i for m, i in ((m, Images.ids([f"{m}:{commit}"])[f"{m}:{commit}"]) for m in ctx["images"])}
            rebuilt = self.changed_ids(name, ids)
        traffic = reg.traffic(mark)
        return wall, rebuilt, traffic, tool

    def changed_ids(self, name, ids):
        missing = [m for m, i in ids.items() if not i]
        if missing or not ids:
            self.fail(f"{name}: no image id for {missing[:5] or 'any module'}")
        prev = self.last_ids.get(name, {})
        self.last_ids[name] = ids
        return {m for m, i in ids.items() if prev.get(m) != i}

    def validate(self, ctx, label):
        wall, _ = self.run_cmd(self.mvn("validate"), ctx["repo"], label)
        return wall

    # ---------------------------------------------------------------- checks
    def check(self, row, info, changed):
        name, run = row["contender"], row["run"]
        maven = dependents(info, changed) if changed else set()
        docker = dependents(info, changed, from_only=True) if changed else set()
        row["expected"] = len(maven)
        row["expectedFrom"] = len(docker)
        rebuilt = set(row["rebuiltSet"])
        if name == "azbuild":
            row["exact"] = rebuilt == maven
            if not row["exact"]:
                self.fail(f"{row['label']}: azbuild rebuilt {sorted(rebuilt)[:10]} ({len(rebuilt)}), expected "
                          f"{sorted(maven)[:10]} ({len(maven)})")
            if not changed and (row["traffic"]["pulled"] or row["traffic"]["pushed"]):
                self.fail(f"{row['label']}: azbuild moved blob bytes with no change: {row['traffic']}")
        elif name == "seed" or run.endswith("warm"):
            row["exact"] = rebuilt == docker
            if not row["exact"]:
                self.fail(f"{row['label']}: {name} rebuilt {sorted(rebuilt)[:10]} ({len(rebuilt)}), expected the "
                          f"FROM-chain {sorted(docker)[:10]} ({len(docker)})")
        else:
            row["exact"] = None  # fabric8 on a cold daemon has no layer cache: reported only

    def fail(self, msg):
        log("CHECK FAILED: " + msg)
        self.failures.append(msg)
        self.save("partial")
        raise SystemExit(f"build_bench: {msg}")

    # ---------------------------------------------------------------- one size
    def record(self, n, scenario, run, rnd, name, ctx, wall, rebuilt, traffic, tool, baseline, changed=None):
        row = dict(n=n, scenario=scenario, run=run, round=rnd, contender=name, wall=wall, rebuilt=len(rebuilt),
                   rebuiltSet=sorted(rebuilt), traffic=traffic, tool=tool, validate=baseline,
                   load=os.getloadavg()[0], label=f"{n}-{scenario}-{run}-{name}-{rnd}")
        if scenario != "setup":
            self.check(row, ctx["info"], changed)
        self.results.append(row)
        self.save("partial")
        log(f"N={n} {scenario}/{run} r{rnd} {name}: {wall:.1f} s, rebuilt {len(rebuilt)}, "
            f"pushed {traffic['pushed'] / 1e6:.1f} MB, pulled {traffic['pulled'] / 1e6:.1f} MB (validate {baseline:.1f} s)")
        return row

    def size(self, n):
        root, gen, info, modules = self.generate(n, self.a.payload_bytes)
        self.meta[n] = dict(files=info["files"], levels=len(info["levels"]), leaves=info["leaves"],
                            staged=info["staged"], payload=self.a.payload_bytes, leaf=info["leaf"]["module"],
                            base=info["base"]["module"])
        ctxs = {}
        for name in self.a.contenders:
            reg = self.registry(f"{n}-{name}")
            repo = self.clone(root, gen, name)
            if name == "fabric8":
                add_fabric8(repo, reg.host)
                for d in info["dirs"].values():  # fabric8 ignores <labels> with a Dockerfile: label in the file
                    append(repo, f"{d}/Dockerfile", f"LABEL {LABEL_KEY}={self.tag}\n")
                commit_all(repo, "fabric8 docker-maven-plugin", self.env)
            ctxs[name] = dict(repo=repo, registry=reg, modules=modules, info=info, n=n, images=sorted(info["dirs"]))
        vctx = ctxs.get("azbuild") or next(iter(ctxs.values()))
        self.images.names |= set(info["dirs"])
        # online warm-up: resolves azbuild, fabric8 and their dependencies into the private repository
        for name in self.a.contenders:
            if name != "seed":
                cmd = self.mvn("validate", online=True) if name == "azbuild" else self.mvn(
                    f"{FABRIC8[0]}:{FABRIC8[1]}:{FABRIC8[2]}:help", online=True)
                self.run_cmd(cmd, ctxs[name]["repo"], f"warmup-{n}-{name}")
        self.run_cmd(self.mvn("azbuild:help", online=True), vctx["repo"], f"warmup-{n}-azbuild-help")
        self.images.remove_all()
        for name in self.a.contenders:  # first builds: everything built and pushed, from a cold daemon
            base = self.validate(vctx, f"setup-{n}-validate-{name}")
            self.images.remove_all()
            wall, rebuilt, traffic, tool = self.build(name, ctxs[name], f"setup-{n}-{name}", self.a.setup_threads)
            self.record(n, "setup", "first-cold", 0, name, ctxs[name], wall, rebuilt, traffic, tool, base)
            if len(rebuilt) != n:
                self.fail(f"first build of {name} built {len(rebuilt)} of {n} modules")
        for rnd in range(self.a.runs):
            order = list(self.a.contenders)
            k = rnd % len(order)
            order = order[k:] + order[:k]
            for name in order:
                ctx = ctxs[name]
                for run in self.a.s2:
                    if run.startswith("readme"):
                        append(ctx["repo"], "README.md", f"round {rnd} {run}\n")
                        commit_all(ctx["repo"], f"README only ({run}, round {rnd})", self.env)
                    base = self.validate(vctx, f"{n}-none-{run}-validate-{name}-{rnd}")
                    if run.endswith("cold"):
                        self.images.remove_all()
                    wall, rebuilt, traffic, tool = self.build(name, ctx, f"{n}-none-{run}-{name}-{rnd}")
                    self.record(n, "none", run, rnd, name, ctx, wall, rebuilt, traffic, tool, base)
                for case in self.a.s3:
                    key = info[case]
                    append(ctx["repo"], key["file"], f"round {rnd}: one more line for the {case} case\n")
                    commit_all(ctx["repo"], f"Change {key['file']} ({case}, round {rnd})", self.env)
                    base = self.validate(vctx, f"{n}-{case}-validate-{name}-{rnd}")
                    self.images.remove_all()
                    wall, rebuilt, traffic, tool = self.build(name, ctx, f"{n}-{case}-{name}-{rnd}")
                    self.record(n, case, "cold", rnd, name, ctx, wall, rebuilt, traffic, tool, base,
                                changed=key["module"])
        self.meta[n]["storage"] = {name: ctxs[name]["registry"].storage_bytes() for name in ctxs}

    # ---------------------------------------------------------------- scenario 4
    def deploy(self, n):
        root, gen, info, modules = self.generate(n, self.a.payload_bytes, terraform=True)
        cache, dep = self.registry(f"{n}-deploy-cache"), self.registry(f"{n}-deploy-target")
        ctxs = {}
        for name in ("azbuild", "seed"):
            repo = self.clone(root, gen, f"deploy-{name}")
            ctxs[name] = dict(repo=repo, registry=cache, modules=modules, info=info, n=n, images=sorted(info["dirs"]),
                              state=os.path.join(root, f"state-{name}"))
            shutil.rmtree(ctxs[name]["state"], ignore_errors=True)
        self.containers |= {f"azbuild-{m}" for m in info["dirs"]} | {f"bench2-seed-{m}" for m in info["dirs"]}

        def build(name):
            ctx = ctxs[name]
            commit = git(ctx["repo"], "rev-parse", "HEAD")
            if name == "azbuild":
                self.run_cmd(self.mvn("azbuild:build", f"-Dazbuild.cacheRegistry={cache.host}/az"), ctx["repo"],
                             f"deploy-{n}-build-{name}-{commit[:8]}")
            else:
                self.run_cmd([os.path.join(HERE, "seed-build"), f"{cache.host}/seed", "main", commit, modules],
                             ctx["repo"], f"deploy-{n}-build-{name}-{commit[:8]}")

        def deploy(name, label):
            ctx = ctxs[name]
            commit = git(ctx["repo"], "rev-parse", "HEAD")
            if name == "azbuild":
                wall, _ = self.run_cmd(self.mvn(
                    "azbuild:deploy", f"-Dazbuild.cacheRegistry={cache.host}/az",
                    f"-Dazbuild.deployRegistry={dep.host}/az", "-Dazbuild.deploy.restart=docker",
                    f"-Dazbuild.deploy.stateDir={ctx['state']}"), ctx["repo"], label)
                with open(os.path.join(ctx["repo"], "target", "azbuild", "deploy.json")) as f:
                    mods = json.load(f)["modules"]
                applied = {m["image"] for m in mods if m["terraformApplied"]}
                restarted = {m["image"] for m in mods if m["restarted"]}
            else:
                wall, out = self.run_cmd([os.path.join(HERE, "seed-deploy"), f"{cache.host}/seed", f"{dep.host}/seed",
                                          commit, modules, ctx["state"], "bench2-seed-"], ctx["repo"], label)
                lines = re.findall(r"^seed-deploy (\S+) applied=(\d) restarted=(\d)", out, re.M)
                applied = {m for m, a, _ in lines if a == "1"}
                restarted = {m for m, _, r in lines if r == "1"}
            return wall, applied, restarted

        for name in ctxs:  # first build + first deploy: every module applied
            build(name)
            wall, applied, restarted = deploy(name, f"deploy-{n}-first-{name}")
            self.results.append(dict(n=n, scenario="deploy", run="first", round=0, contender=name, wall=wall,
                                     applied=len(applied), restarted=len(restarted), load=os.getloadavg()[0]))
        leaf = info["leaf"]
        for rnd in range(self.a.runs):
            for case in ("none", "one"):
                for name in (list(ctxs) if rnd % 2 == 0 else list(ctxs)[::-1]):
                    ctx = ctxs[name]
                    if case == "none":
                        append(ctx["repo"], "README.md", f"deploy round {rnd}\n")
                        commit_all(ctx["repo"], f"README only (deploy round {rnd})", self.env)
                    else:
                        append(ctx["repo"], leaf["file"], f"deploy round {rnd}: one more line\n")
                        commit_all(ctx["repo"], f"Change {leaf['file']} (deploy round {rnd})", self.env)
                    build(name)
                    base = self.validate(ctx, f"deploy-{n}-{case}-validate-{name}-{rnd}")
                    wall, applied, restarted = deploy(name, f"deploy-{n}-{case}-{name}-{rnd}")
                    expect = set() if case == "none" else {leaf["module"]}
                    row = dict(n=n, scenario="deploy", run=case, round=rnd, contender=name, wall=wall,
                               applied=len(applied), restarted=len(restarted), validate=base, load=os.getloadavg()[0])
                    self.results.append(row)
                    self.save("partial")
                    log(f"deploy N={n} {case} r{rnd} {name}: {wall:.1f} s, applied {len(applied)}, restarted {len(restarted)}")
                    if name == "azbuild" and (applied != expect or restarted != expect):
                        self.fail(f"azbuild:deploy ({case}) applied {sorted(applied)} and restarted {sorted(restarted)},"
                                  f" expected {sorted(expect)}")

    # ---------------------------------------------------------------- all
    def run(self):
        os.makedirs(self.a.work, exist_ok=True)
        if not self.a.no_install:
            self.maven.install_plugin()
        try:
            for n in self.a.sizes:
                self.size(n)
            if self.a.deploy_size:
                self.deploy(self.a.deploy_size)
        finally:
            self.cleanup()

    def cleanup(self):
        for c in sorted(self.containers):  # first: a container keeps its image
            subprocess.run(["docker", "rm", "-f", c], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.images:
            removed = self.images.remove_all()
            log(f"removed {removed} images this benchmark created")
        for r in self.registries.values():
            r.stop()
            if not self.a.keep_registries:
                shutil.rmtree(os.path.join(r.dir, "storage"), ignore_errors=True)

    def save(self, stem):
        os.makedirs(os.path.join(self.a.work, "results"), exist_ok=True)
        with open(os.path.join(self.a.work, "results", f"{stem}.json"), "w") as f:
            json.dump({"args": {k: v for k, v in vars(self.a).items()}, "meta": self.meta, "results": self.results,
                       "failures": self.failures}, f, indent=1)


def _count(items):
    c = defaultdict(int)
    for i in items:
        c[i] += 1
    return c


# ------------------------------------------------------------------------------------------ report
def report(a, results, meta, facts, command):
    L = []
    w = L.append
    mb = lambda b: f"{b / 1e6:,.1f}"
    w(f"Command: `{command}`\n")
    by = defaultdict(list)
    for r in results:
        by[(r["n"], r["scenario"], r["run"], r["contender"])].append(r)

    def ratio(rows, key_rows):
        vals = []
        for r in rows:
            ref = next((x for x in key_rows if x["round"] == r["round"]), None)
            if ref and ref["wall"] > 0:
                vals.append(r["wall"] / ref["wall"])
        return statistics.median(vals) if vals else None

    fmt = lambda v: "—" if v is None else f"{v:.2f}"
    for n in sorted({r["n"] for r in results if r["scenario"] != "deploy"}):
        m = meta.get(str(n)) or meta.get(n) or {}
        w(f"#### N = {n} ({m.get('files', '?'):,} files, {m.get('levels', '?')} levels, payload "
          f"{m.get('payload', 0) / 1e6:g} MB per image; leaf = {m.get('leaf')}, base = {m.get('base')})\n")
        w("| scenario | run | contender | wall min / median / max (s) | × validate | × seed | rebuilt (expected; FROM-chain) "
          "| pushed MB | pulled MB | blob up/down | azbuild's own pushed / pulled MB |")
        w("|---|---|---|---|---:|---:|---|---:|---:|---|---|")
        for scenario in ("setup", "none", "leaf", "base"):
            runs = sorted({r["run"] for r in results if r["n"] == n and r["scenario"] == scenario},
                          key=lambda x: (S2_RUNS + ("cold", "first-cold")).index(x) if x in S2_RUNS + ("cold", "first-cold") else 9)
            for run in runs:
                for name in CONTENDERS:
                    rows = by.get((n, scenario, run, name))
                    if not rows:
                        continue
                    walls = [r["wall"] for r in rows]
                    vals = [r["wall"] / r["validate"] for r in rows if r.get("validate")]
                    xv = statistics.median(vals) if vals else None
                    xs = ratio(rows, by.get((n, scenario, run, "seed"), []))
                    reb = sorted({r["rebuilt"] for r in rows})
                    exp = rows[0].get("expected")
                    expf = rows[0].get("expectedFrom")
                    exact = {r.get("exact") for r in rows}
                    mark = "" if exp is None else (" ✓" if exact == {True} else (" ✗" if False in exact else ""))
                    rebuilt = "/".join(map(str, reb)) + ("" if exp is None else f" ({exp}; {expf}){mark}")
                    pushed = statistics.median(r["traffic"]["pushed"] for r in rows)
                    pulled = statistics.median(r["traffic"]["pulled"] for r in rows)
                    blobs = f"{statistics.median(r['traffic']['blobUploads'] for r in rows):.0f} / " \
                            f"{statistics.median(r['traffic']['blobGets'] for r in rows):.0f}"
                    own = ""
                    if name == "azbuild" and rows[0].get("tool"):
                        own = f"{mb(statistics.median(r['tool']['pushed'] for r in rows))} / " \
                              f"{mb(statistics.median(r['tool']['pulled'] for r in rows))}"
                    w(f"| {scenario} | {run} | {name} | {min(walls):.1f} / {statistics.median(walls):.1f} / {max(walls):.1f} "
                      f"| {fmt(xv)} | {fmt(xs)} | {rebuilt} | {mb(pushed)} | {mb(pulled)} | {blobs} | {own} |")
        vals = [r["validate"] for r in results if r["n"] == n and r.get("validate")]
        if vals:
            w(f"\n`mvn validate` on the same reactor (the baseline, run right before every timed build): "
              f"{min(vals):.1f} / {statistics.median(vals):.1f} / {max(vals):.1f} s (min / median / max).")
        loads = [r["load"] for r in results if r["n"] == n]
        w(f"Load average (1 min) at the end of each run: {min(loads):.1f}–{max(loads):.1f}.\n")
    sizes = sorted({r["n"] for r in results if r["scenario"] == "none"})
    if len(sizes) >= 2:
        w("#### Scaling (scenario 5, build part): fitted exponent b of wall time ∝ N^b (log-log least squares on "
          f"medians, N = {', '.join(map(str, sizes))})\n")
        w("| scenario | run | " + " | ".join(CONTENDERS) + " |")
        w("|---|---|" + "---:|" * len(CONTENDERS))
        keys = sorted({(r["scenario"], r["run"]) for r in results if r["scenario"] != "deploy"},
                      key=lambda k: (("setup", "none", "leaf", "base").index(k[0]), k[1]))
        for scenario, run in keys:
            cells = []
            for name in CONTENDERS:
                pts = [(n, statistics.median(r["wall"] for r in by[(n, scenario, run, name)]))
                       for n in sizes if by.get((n, scenario, run, name))]
                b = fit_exponent(pts) if len(pts) >= 2 else None
                cells.append("—" if b is None else f"{b:.2f}")
            w(f"| {scenario} | {run} | " + " | ".join(cells) + " |")
        w("")
    dep = [r for r in results if r["scenario"] == "deploy"]
    if dep:
        n = dep[0]["n"]
        w(f"#### Scenario 4: deploys (N = {n}, every module with a terraform/ dir, restart = local docker container)\n")
        w("| run | contender | wall min / median / max (s) | × validate | terraform applies | restarts |")
        w("|---|---|---|---:|---|---|")
        for run in ("first", "none", "one"):
            for name in ("azbuild", "seed"):
                rows = by.get((n, "deploy", run, name))
                if not rows:
                    continue
                walls = [r["wall"] for r in rows]
                vals = [r["wall"] / r["validate"] for r in rows if r.get("validate")]
                w(f"| {run} | {name} | {min(walls):.1f} / {statistics.median(walls):.1f} / {max(walls):.1f} | "
                  f"{fmt(statistics.median(vals) if vals else None)} | "
                  f"{'/'.join(map(str, sorted({r['applied'] for r in rows})))} | "
                  f"{'/'.join(map(str, sorted({r['restarted'] for r in rows})))} |")
        w("")
    w(f"Run facts: {facts['nproc']} cores ({facts['cpu']}), {facts['memory']}, kernel {facts['kernel']}; {facts['java']}; "
      f"{facts['maven']}; {facts.get('docker', '?')}; {facts.get('registry', '?')}; started {facts['date']}, load average "
      f"{facts['load']} before and {facts.get('loadAfter', '?')} after; whole run {facts.get('seconds', 0):.0f} s.")
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description="issue 7 scenarios 2-4 and 5 (build part): image builds and deploys")
    ap.add_argument("--sizes", default="10,100", help="module counts N, comma-separated")
    ap.add_argument("--runs", type=int, default=2, help="rounds K")
    ap.add_argument("--contenders", default=",".join(CONTENDERS))
    ap.add_argument("--s2", default=",".join(S2_RUNS), help="scenario 2 runs (same|readme)-(cold|warm)")
    ap.add_argument("--s3", default=",".join(S3_CASES), help="scenario 3 cases (leaf, base); empty for none")
    ap.add_argument("--deploy-size", type=int, default=10, help="N of the deploy scenario (0: skip it)")
    ap.add_argument("--payload-bytes", type=int, default=20_000_000)
    ap.add_argument("--setup-threads", type=int, help="mvn -T for azbuild's first (untimed-for-ratios) build")
    ap.add_argument("--commits", type=int, default=200, help="history length of the generated repositories")
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--fan-in", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="m", help="module/image names (gen-monorepo --prefix); distinct prefixes and "
                    "--work dirs let two runs share the Docker daemon")
    ap.add_argument("--work", default="/tmp/azbuild-build-bench")
    ap.add_argument("--maven-opts", default="")
    ap.add_argument("--no-install", action="store_true", help="do not (re)install this worktree's plugin first")
    ap.add_argument("--keep-registries", action="store_true", help="keep the registries' storage at the end")
    ap.add_argument("--smoke", action="store_true", help="N = 10, 1 MB payload, K = 1: a quick check")
    ap.add_argument("--append", help="append the markdown section to this file")
    ap.add_argument("--report-from", help="only render the report of a saved results .json")
    a = ap.parse_args()
    if a.smoke:
        a.sizes, a.runs, a.payload_bytes = "10", 1, 1_000_000
    a.sizes = [int(x) for x in str(a.sizes).split(",") if x]
    for flag, allowed in (("contenders", CONTENDERS), ("s2", S2_RUNS), ("s3", S3_CASES)):
        values = [c for c in getattr(a, flag).split(",") if c]
        bad = [c for c in values if c not in allowed]
        if bad:
            ap.error(f"--{flag}: unknown {', '.join(bad)}; use {','.join(allowed)}")
        setattr(a, flag, values)
    command = "bench/build_bench.py " + " ".join(sys.argv[1:])
    if a.report_from:
        with open(a.report_from) as f:
            d = json.load(f)
        print(report(a, d["results"], d["meta"], d.get("facts") or machine_facts("?") | {"seconds": 0}, command))
        return
    b = BuildBench(a)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("build_bench: terminated"))  # still stop registries, clean up
    facts = machine_facts(b.maven.mvn_version)
    facts["docker"] = "Docker " + sh(["docker", "version", "--format", "{{.Server.Version}}"]).strip() + " (classic builder)"
    facts["registry"] = sh(["docker-registry", "--version"], check=False).strip().split("\n")[0]
    log(f"machine: {facts}")
    t0 = time.perf_counter()
    try:
        b.run()
    finally:
        facts["loadAfter"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
        facts["seconds"] = time.perf_counter() - t0
        stamp = time.strftime("%Y%m%d-%H%M%S")
        b.save(f"build-{stamp}")
        with open(os.path.join(a.work, "results", f"build-{stamp}.json")) as f:
            d = json.load(f)
        d["facts"] = facts
        with open(os.path.join(a.work, "results", f"build-{stamp}.json"), "w") as f:
            json.dump(d, f, indent=1)
        if b.results:
            md = report(a, b.results, {str(k): v for k, v in b.meta.items()}, facts, command)
            with open(os.path.join(a.work, "results", f"build-{stamp}.md"), "w") as f:
                f.write(md)
            if a.append and not b.failures:
                with open(a.append, "a") as f:
                    f.write("\n" + md)
            print(md)
        log(f"results in {a.work}/results/build-{stamp}.json")
    if b.failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
