// The moto emulator's AWS APIs (JSON 1.1 protocol) for invoker tests; moto does not check
// signatures, it takes the region from the credential scope.
// Loaded with: def aws = evaluate(new File(itLib, 'aws.groovy'))

import groovy.json.JsonOutput
import groovy.json.JsonSlurper

class MotoApi {
  String endpoint = 'http://127.0.0.1:5003/'

  def call(String region, String service, String target, Map body) {
    def c = new URL(endpoint).openConnection()
    c.requestMethod = 'POST'
    c.doOutput = true
    c.setRequestProperty('X-Amz-Target', target)
    c.setRequestProperty('Content-Type', 'application/x-amz-json-1.1')
    c.setRequestProperty('Authorization', "AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=x")
    c.outputStream.withWriter { it << JsonOutput.toJson(body) }
    assert c.responseCode == 200 : "${target} in ${region}: ${c.responseCode} ${c.errorStream?.text}"
    return new JsonSlurper().parse(c.inputStream)
  }

  def ecs(String region, String action, Map body) {
    return call(region, 'ecs', "AmazonEC2ContainerServiceV20141113.${action}", body)
  }

  def ecr(String region, String action, Map body) {
    return call(region, 'ecr', "AmazonEC2ContainerRegistry_V20150921.${action}", body)
  }

  /** Names of the ECR repositories in a region that start with prefix. */
  List<String> repositories(String region, String prefix) {
    return ecr(region, 'DescribeRepositories', [maxResults: 1000]).repositories*.repositoryName.findAll { it.startsWith(prefix + '/') }
  }

  /** A moto_server of one test on port (see PrivateMoto); call start() on it. */
  PrivateMoto privateMoto(File dir, int port) {
    return new PrivateMoto(dir: dir, port: port)
  }

  /** service → [id, createdAt (epoch seconds)] of its primary deployment. */
  Map primaryDeployments(String region, String cluster, List<String> services) {
    def described = ecs(region, 'DescribeServices', [cluster: cluster, services: services]).services
    return described.collectEntries { s ->
      def primary = s.deployments.find { it.status == 'PRIMARY' } ?: s.deployments[0]
      [(s.serviceName): [id: primary.id, createdAt: primary.createdAt as double]]
    }
  }
}

/**
 * A moto_server of one test, on its own port, for fault injection: the shared emulator of
 * scripts/services (127.0.0.1:5003) must never be stopped. Its state is in memory: a restart
 * starts empty. Killed at the latest when the JVM running the tests exits.
 */
class PrivateMoto {
  File dir
  int port
  Process process

  static String binary() {
    // pyenv's shim re-resolves on every start; take the real script when pyenv knows it (as scripts/services does)
    def found = ['bash', '-c', 'pyenv which moto_server 2>/dev/null || command -v moto_server'].execute()
    def path = found.text.trim().readLines().find { it }
    found.waitFor()
    return path ?: "${System.getProperty('user.home')}/.pyenv/shims/moto_server"
  }

  String endpoint() {
    return "http://127.0.0.1:${port}"
  }

  /** Starts it (output appended to dir/moto.log) and waits until it answers. */
  PrivateMoto start() {
    dir.mkdirs()
    process = new ProcessBuilder(binary(), '-H', '127.0.0.1', '-p', port.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir, 'moto.log'))).start()
    def started = process
    Runtime.runtime.addShutdownHook(new Thread({ started.destroyForcibly() }))
    for (int i = 0; i < 600; i++) {
      try {
        def c = new URL("${endpoint()}/moto-api/").openConnection()
        if (c.responseCode == 200) return this
      } catch (IOException ignored) {
      }
      assert process.alive : "moto_server on ${port} exited: ${new File(dir, 'moto.log').text.takeRight(2000)}"
      sleep(100)
    }
    throw new IllegalStateException("moto_server on ${port} did not answer within 60 s")
  }

  /** Kills it (SIGKILL) and waits until it is gone. */
  void kill() {
    process?.destroyForcibly()
    process?.waitFor()
  }

  /** The API helpers, pointed at this emulator. */
  MotoApi api() {
    return new MotoApi(endpoint: endpoint() + '/')
  }
}

return new MotoApi()
