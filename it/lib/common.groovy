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
    def version = pluginVersion()
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

  /**
   * module/terraform/main.tf: a terraform_data resource on var.image (so a new image is a change),
   * running command (shell, terraform syntax: escape ${...}) when it is created, if given.
   */
  void writeTerraform(String module, String command = null) {
    def provisioner = command == null ? '' : """
  provisioner "local-exec" {
    command = "${command}"
  }"""
    write("${module}/terraform/main.tf", """variable "image" {
  type = string
}

resource "terraform_data" "${module}" {
  input = var.image${provisioner}
}
""")
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

  /** The plugin version the example monorepo (and initMini) declares. */
  String pluginVersion() {
    return (new File(examplesDir, 'monorepo/pom.xml').text =~ /<azbuild.version>([^<]+)</)[0][1]
  }

  /**
   * Runs Maven in basedir as the invoker does (its local repository, settings that resolve the
   * rest from the outer local repository, offline), for flows the invoker cannot express: something
   * must happen between or during runs. Goals without a colon-prefix are azbuild goals. Output goes
   * to basedir/logName. Returns the process; call waitFor() on it.
   */
  Process startMvn(File localRepo, String logName, String... goalsAndArgs) {
    def args = goalsAndArgs.collect { it.startsWith('-') || it.contains(':') ? it : "dev.azbuild:azbuild-maven-plugin:${pluginVersion()}:${it}".toString() }
    return startMaven(localRepo, logName, args as String[])
  }

  /** {@link #startMvn} with the arguments as given: lifecycle phases ({@code install}), {@code -T 2}. */
  Process startMaven(File localRepo, String logName, String... args) {
    def outerRepo = new File(System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository")
    def settings = new File(basedir, '.mvn/it-settings.xml')
    settings.parentFile.mkdirs()
    def exclude = new File(basedir, '.git/info/exclude')
    if (exclude.exists() && !exclude.text.contains('/.mvn/it-settings.xml')) {
      exclude << '/.mvn/it-settings.xml\n' // not an input: content mode hashes the files under .mvn/
    }
    settings.text = new File(examplesDir, '../it/settings.xml').text.replace('@localRepositoryUrl@', outerRepo.toURI().toString())
    def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
    def cmd = [mvn, '-B', '-o', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepo.absolutePath}".toString(),
               '-Dazbuild.fetch=false'] + args.collect { it.toString() }
    return new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true)
        .redirectOutput(new File(basedir, logName)).start()
  }

  /** {@link #startMvn} and wait; returns the exit code. */
  int mvn(File localRepo, String logName, String... goalsAndArgs) {
    return startMvn(localRepo, logName, goalsAndArgs).waitFor()
  }

  /** {@link #startMaven} and wait; returns the exit code. */
  int maven(File localRepo, String logName, String... args) {
    return startMaven(localRepo, logName, args).waitFor()
  }

  /**
   * Copies examples/java-services into basedir (with its .gitignore: target/ is build output, never
   * an input), makes it a git repository and commits it on main.
   */
  String initJavaServices() {
    copyTree(new File(examplesDir, 'java-services'), basedir)
    git('init', '-q')
    return commit('java services')
  }

  static int freePort() {
    return PrivateRegistry.freePort()
  }

  /** A private docker-registry (see PrivateRegistry) kept in dir, on port (default: a free one). */
  PrivateRegistry privateRegistry(File dir, int port = freePort()) {
    return new PrivateRegistry(dir: dir, port: port)
  }

  /**
   * A relay on port in front of server (a PrivateRegistry or a PrivateMoto) that kills the server
   * when a client sends trigger, then writes basedir/killed.txt; see KillingRelay. Listens on
   * return.
   */
  KillingRelay killingRelay(int port, def server, String trigger, boolean forwardTrigger = false) {
    return new KillingRelay(port: port, server: server, trigger: trigger, forwardTrigger: forwardTrigger,
        killed: new File(basedir, 'killed.txt')).start()
  }

  /**
   * The JSON record azbuild keeps under a tag, or null: an OCI manifest whose annotation
   * dev.azbuild.record holds it (gzip, base64), else whose config blob is the record.
   */
  static def record(String registry, String repository, String tag) {
    def manifest = manifest(registry, repository, tag)
    if (manifest == null) {
      return null
    }
    def inline = manifest.annotations?.get('dev.azbuild.record')
    if (inline != null) {
      return new JsonSlurper().parse(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(inline.decodeBase64())))
    }
    return new JsonSlurper().parse(new URL("http://${registry}/v2/${repository}/blobs/${manifest.config.digest}"))
  }

  /** The OCI manifest under a tag, parsed, or null. */
  static def manifest(String registry, String repository, String tag) {
    def c = new URL("http://${registry}/v2/${repository}/manifests/${tag}").openConnection()
    c.setRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
    return c.responseCode == 200 ? new JsonSlurper().parse(c.inputStream) : null
  }

  /**
   * Writes a record under a tag as azbuild does (the JSON as config blob and in the annotation), for
   * tests that plant records azbuild would not write: another format, damaged content.
   */
  static void putRecord(String registry, String repository, String tag, String json, String annotation = null) {
    byte[] content = json.getBytes('UTF-8')
    String digest = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(content).encodeHex()
    def post = new URL("http://${registry}/v2/${repository}/blobs/uploads/").openConnection()
    post.requestMethod = 'POST'
    post.doOutput = true
    post.outputStream.close()
    assert post.responseCode == 202
    def location = post.getHeaderField('Location')
    def upload = new URL(new URL("http://${registry}/"), location + (location.contains('?') ? '&' : '?') + "digest=${URLEncoder.encode(digest, 'UTF-8')}").openConnection()
    upload.requestMethod = 'PUT'
    upload.doOutput = true
    upload.setRequestProperty('Content-Type', 'application/octet-stream')
    upload.outputStream.withCloseable { it.write(content) }
    assert upload.responseCode == 201
    def gz = new ByteArrayOutputStream()
    new java.util.zip.GZIPOutputStream(gz).withCloseable { it.write(content) }
    def descriptor = [mediaType: 'application/vnd.dev.azbuild.record.v1+json', digest: digest, size: content.length]
    def manifest = groovy.json.JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptor, layers: [descriptor], annotations: ['dev.azbuild.record': annotation ?: gz.toByteArray().encodeBase64().toString()]])
    def put = new URL("http://${registry}/v2/${repository}/manifests/${tag}").openConnection()
    put.requestMethod = 'PUT'
    put.doOutput = true
    put.setRequestProperty('Content-Type', 'application/vnd.oci.image.manifest.v1+json')
    put.outputStream.withCloseable { it.write(manifest.getBytes('UTF-8')) }
    assert put.responseCode == 201 : put.errorStream?.text
  }

  /** Deletes the manifest a tag names, by digest, as a garbage collection does: every tag of it goes. */
  static void deleteImage(String registry, String repository, String tag) {
    def digest = digestOf(registry, repository, tag)
    assert digest != null : "${registry}/${repository}:${tag} does not exist"
    def c = new URL("http://${registry}/v2/${repository}/manifests/${digest}").openConnection()
    c.requestMethod = 'DELETE'
    assert c.responseCode == 202
  }

  /** Whether a manifest exists under a digest. */
  static boolean digestExists(String registry, String repository, String digest) {
    return tagExists(registry, repository, digest)
  }

  /**
   * Starts it/lib/RefusingProxy.java in front of a registry: manifest PUTs naming mediaType are
   * answered 400. Killed at the latest when the JVM running the tests exits. Returns its host:port.
   */
  String startRefusingProxy(String upstream, String mediaType, File log) {
    def portFile = new File(basedir, 'refusing-proxy.port')
    portFile.delete()
    def java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
    def source = new File(examplesDir, '../it/lib/RefusingProxy.java').canonicalPath
    def process = new ProcessBuilder(java, source, upstream, mediaType, portFile.absolutePath, log.absolutePath)
        .redirectErrorStream(true).redirectOutput(new File(basedir, 'refusing-proxy.out')).start()
    Runtime.runtime.addShutdownHook(new Thread({ process.destroyForcibly() }))
    new File(basedir, 'refusing-proxy.pid').text = process.pid()
    for (int i = 0; i < 300 && !(portFile.exists() && portFile.text); i++) {
      assert process.alive : new File(basedir, 'refusing-proxy.out').text
      sleep(100)
    }
    assert portFile.exists() && portFile.text : 'RefusingProxy did not start within 30 s'
    return "127.0.0.1:${portFile.text.trim()}"
  }

  def json(String path) {
    return new JsonSlurper().parse(new File(basedir, path))
  }

  String log() {
    return new File(basedir, 'build.log').text
  }

  /** What the bash scripts computed: does any changed path match the module's patterns (grep -E)? */
  boolean bashScriptsSayRebuild(String base, String head, String patternsFile) {
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

/**
 * A docker-registry process of one test, on its own port and storage, for fault injection: the
 * shared registries of scripts/services must never be killed. Killed at the latest when the JVM
 * running the tests exits.
 */
class PrivateRegistry {
  File dir
  int port

  static int freePort() {
    return new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
  }

  String host() {
    return "127.0.0.1:${port}"
  }

  /** Starts it (storage dir/storage, access log appended to dir/registry.log) and waits for /v2/. */
  PrivateRegistry start() {
    dir.mkdirs()
    def config = new File(dir, 'config.yml')
    config.text = """version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: ${new File(dir, 'storage').absolutePath}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${port}
  secret: it-private-registry
"""
    def bin = ['/usr/bin/docker-registry', '/usr/local/bin/docker-registry'].find { new File(it).canExecute() } ?: 'docker-registry'
    def process = new ProcessBuilder(bin, 'serve', config.absolutePath).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir, 'registry.log'))).start()
    new File(dir, 'registry.pid').text = process.pid()
    Runtime.runtime.addShutdownHook(new Thread({ process.destroyForcibly() }))
    for (int i = 0; i < 200; i++) {
      try {
        def c = new URL("http://${host()}/v2/").openConnection()
        if (c.responseCode == 200) return this
      } catch (IOException ignored) {
      }
      assert process.alive : "docker-registry on ${host()} exited: ${new File(dir, 'registry.log').text.takeRight(2000)}"
      sleep(100)
    }
    throw new IllegalStateException("docker-registry on ${host()} did not answer within 20 s")
  }

  /** Kills it (SIGKILL) and waits until it is gone. */
  void kill() {
    def pid = new File(dir, 'registry.pid')
    if (pid.exists()) {
      ProcessHandle.of(pid.text.trim() as long).ifPresent { it.destroyForcibly(); it.onExit().get() }
    }
  }

  /** The access-log lines (requests) it has served so far, over all its starts. */
  List<String> requests() {
    return new File(dir, 'registry.log').readLines().findAll { it.startsWith('127.0.0.1 ') }
  }
}

/**
 * A TCP relay on a loopback port in front of a server of one test, for fault injection: the tool
 * under test talks to the relay. At the first time a client sends the trigger (bytes of a request),
 * the relay kills the server, stops listening, closes every connection and writes a killed file.
 * A connection it cannot forward (the server is gone) is hung up at once: a half-open one keeps the
 * client (the Docker daemon's upload of a layer, and a rerun's with it) waiting for ever.
 */
class KillingRelay {
  int port
  /** What the relay fronts: anything with a port and kill() (PrivateRegistry, PrivateMoto). */
  def server
  String trigger
  /** true: the bytes that carry the trigger reach the server before it dies; false: it never sees them. */
  boolean forwardTrigger
  File killed
  private ServerSocket relay
  private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<Socket>()
  private final java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean()

  /** Listens on port (bound when this returns) and relays each connection in daemon threads. */
  KillingRelay start() {
    relay = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())
    Thread.startDaemon("relay-${port}") {
      while (!relay.closed) {
        Socket client
        try {
          client = relay.accept()
        } catch (IOException closed) {
          break
        }
        sockets << client
        Socket upstream
        try {
          upstream = new Socket('127.0.0.1', server.port)
        } catch (IOException refused) {
          client.close() // the server is gone: hang up, or the client waits on this connection for ever
          continue
        }
        sockets << upstream
        Thread.startDaemon { pump(client, upstream, true) }
        Thread.startDaemon { pump(upstream, client, false) }
      }
    }
    return this
  }

  /** Copies from one socket to the other; watch: look for the trigger in what passes. */
  private void pump(Socket fromSocket, Socket toSocket, boolean watch) {
    def from = fromSocket.inputStream
    def to = toSocket.outputStream
    byte[] buf = new byte[65536]
    String tail = ''
    try {
      int n
      while ((n = from.read(buf)) > 0) {
        if (forwardTrigger) {
          to.write(buf, 0, n)
          to.flush()
        }
        if (watch && !fired.get()) {
          String text = tail + new String(buf, 0, n, 'ISO-8859-1')
          if (text.contains(trigger) && fired.compareAndSet(false, true)) {
            // kill the server, then refuse every connection
            server.kill()
            relay.close()
            sockets.each { it.close() }
            killed.text = "killed at ${trigger}\n"
            break
          }
          tail = text.takeRight(trigger.length())
        }
        if (!forwardTrigger) {
          to.write(buf, 0, n)
          to.flush()
        }
      }
    } catch (IOException ignored) {
    } finally {
      fromSocket.close()
      toSocket.close()
    }
  }
}

return { basedir, examplesDir -> new ItLib(basedir: new File(basedir.toString()), examplesDir: new File(examplesDir.toString()).canonicalFile) }
