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

  /** service → [id, createdAt (epoch seconds)] of its primary deployment. */
  Map primaryDeployments(String region, String cluster, List<String> services) {
    def described = ecs(region, 'DescribeServices', [cluster: cluster, services: services]).services
    return described.collectEntries { s ->
      def primary = s.deployments.find { it.status == 'PRIMARY' } ?: s.deployments[0]
      [(s.serviceName): [id: primary.id, createdAt: primary.createdAt as double]]
    }
  }
}

return new MotoApi()
