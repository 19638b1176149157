// Shared helpers for the invoker tests: lay out monorepos as real git repositories.
// Loaded with: def lib = evaluate(new File(itLib, 'common.groovy'))

import groovy.json.JsonSlurper

class ItLib {
  File basedir
  File examplesDir

  /** Runs git in basedir with a fixed identity; fails the test on a non-zero exit. */
  String git(String... args) {
    def cmd = ['git', '-c', 'user.name=azbuild-it', '-c', 'user.email=it@azbuild.dev',
               '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'] + args.toList()
    def proc = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true).start()
    def out = proc.inputStream.text
    if (proc.waitFor() != 0) {
      throw new IllegalStateException("git ${args.join(' ')} failed: ${out}")
    }
    return out.trim()
  }

  /** Copies examples/monorepo into basedir, makes it a git repository and commits it on main. */
  String initExample() {
    copyTree(new File(examplesDir, 'monorepo'), basedir)
    git('init', '-q')
    git('add', '-A')
    git('commit', '-q', '-m', 'example monorepo')
    return git('rev-parse', 'HEAD')
  }

  /** Copies examples/<name> into basedir, without making it a git repository. */
  void copyExample(String name) {
    copyTree(new File(examplesDir, name), basedir)
  }

  /** A two-module monorepo (base, app FROM base), small so a build takes seconds. */
  String initMini() {
    def version = (new File(examplesDir, 'monorepo/pom.xml').text =~ /<azbuild.version>([^<]+)</)[0][1]
    write('pom.xml', """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.azbuild.it</groupId><artifactId>mini</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>base</module><module>app</module></modules>
  <build><plugins><plugin>
    <groupId>dev.azbuild</groupId><artifactId>azbuild-maven-plugin</artifactId><version>${version}</version>
  </plugin></plugins></build>
</project>
""")
    ['base': '', 'app': '<dependencies><dependency><groupId>dev.azbuild.it</groupId><artifactId>base</artifactId><version>1</version><type>pom</type></dependency></dependencies>'].each { name, deps ->
      write("${name}/pom.xml", """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.azbuild.it</groupId><artifactId>mini</artifactId><version>1</version></parent>
  <artifactId>${name}</artifactId><packaging>pom</packaging>${deps}
</project>
""")
    }
    write('base/Dockerfile', 'FROM 127.0.0.1:5000/base/busybox:1\nRUN echo base > /base.txt\n')
    write('app/Dockerfile', 'FROM base\nCOPY app.txt /app.txt\n')
    write('app/app.txt', 'hello\n')
    git('init', '-q')
    return commit('mini monorepo')
  }

  void write(String path, String content) {
    def f = new File(basedir, path)
    f.parentFile.mkdirs()
    f.text = content
  }

  String commit(String message) {
    git('add', '-A')
    git('commit', '-q', '-m', message)
    return git('rev-parse', 'HEAD')
  }

  /** The same helpers for a sub-directory (e.g. a clone made by {@link #cloneTo}). */
  ItLib at(String dir) {
    return new ItLib(basedir: new File(basedir, dir), examplesDir: examplesDir)
  }

  /** Clones this repository into a sibling directory and returns helpers for the clone. */
  ItLib cloneTo(String dir) {
    def target = new File(basedir.parentFile, dir)
    git('clone', '-q', basedir.absolutePath, target.absolutePath)
    return new ItLib(basedir: target, examplesDir: examplesDir)
  }

  /**
   * Gives the next Maven run in this directory its own repository prefix on a local registry, so
   * runs never see each other's images: writes .mvn/maven.config (kept out of git).
   */
  void useRegistry(String registryUrl, String... extraArgs) {
    def config = new File(basedir, '.mvn/maven.config')
    config.parentFile.mkdirs()
    config.text = (["-Dazbuild.cacheRegistry=${registryUrl}"] + extraArgs.toList()).join('\n') + '\n'
    new File(basedir, '.git/info/exclude') << '/.mvn/\n'
  }

  /** A repository prefix unique to this run. */
  static String uniquePrefix(String name) {
    return "it-${name}-${System.currentTimeMillis()}"
  }

  /** The lines the cache registry logged for a prefix after a marker request, in order. */
  static List<String> registryLogAfter(String prefix, String marker) {
    def log = new File(System.getProperty('user.home'), '.azbuild/services/logs/registry-cache.log')
    def lines = log.readLines().findAll { it.contains("/v2/${prefix}/") && it.startsWith('127.0.0.1 ') }
    int at = lines.findIndexOf { it.contains(marker) }
    assert at >= 0 : "marker ${marker} not found in ${log}"
    return lines.subList(at + 1, lines.size())
  }

  /** Whether a tag exists on a registry (HEAD of the manifest). */
  static boolean tagExists(String registry, String repository, String tag) {
    def c = new URL("http://${registry}/v2/${repository}/manifests/${tag}").openConnection()
    c.requestMethod = 'HEAD'
    c.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json')
    return c.responseCode == 200
  }

  /** The manifest digest a tag points to on a registry, or null when the tag does not exist. */
  static String digestOf(String registry, String repository, String tag) {
    def c = new URL("http://${registry}/v2/${repository}/manifests/${tag}").openConnection()
    c.requestMethod = 'HEAD'
    c.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json')
    return c.responseCode == 200 ? c.getHeaderField('Docker-Content-Digest') : null
  }

  def json(String path) {
    return new JsonSlurper().parse(new File(basedir, path))
  }

  String log() {
    return new File(basedir, 'build.log').text
  }

  /** What the seed computed: does any changed path match the module's patterns (grep -E)? */
  boolean seedSaysRebuild(String base, String head, String patternsFile) {
    def script = "git diff --name-only --no-renames ${base} ${head} | grep -qE -f ${patternsFile}"
    def proc = new ProcessBuilder('bash', '-c', script).directory(basedir).start()
    return proc.waitFor() == 0
  }

  private static void copyTree(File from, File to) {
    from.eachFileRecurse { f ->
      def rel = from.toPath().relativize(f.toPath()).toString()
      if (rel.split('/').contains('target')) return
      def dest = new File(to, rel)
      if (f.isDirectory()) {
        dest.mkdirs()
      } else {
        dest.parentFile.mkdirs()
        dest.bytes = f.bytes
        dest.setExecutable(f.canExecute())
      }
    }
  }
}

return { basedir, examplesDir -> new ItLib(basedir: new File(basedir.toString()), examplesDir: new File(examplesDir.toString()).canonicalFile) }
