import groovy.json.JsonOutput

def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
def prefix = lib.uniquePrefix('deploy-ecs')
new File(basedir, 'prefix.txt').text = prefix

// the ECS control plane of moto (JSON 1.1 protocol; moto does not check signatures)
def ecs = { String action, Map body ->
  def c = new URL('http://127.0.0.1:5003/').openConnection()
  c.requestMethod = 'POST'
  c.doOutput = true
  c.setRequestProperty('X-Amz-Target', "AmazonEC2ContainerServiceV20141113.${action}")
  c.setRequestProperty('Content-Type', 'application/x-amz-json-1.1')
  c.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-2/ecs/aws4_request, SignedHeaders=host, Signature=x')
  c.outputStream.withWriter { it << JsonOutput.toJson(body) }
  assert c.responseCode == 200 : "${action}: ${c.responseCode}"
  return c.inputStream.text
}
ecs('CreateCluster', [clusterName: prefix])
['base', 'app'].each { image ->
  ecs('RegisterTaskDefinition', [family: "${prefix}-${image}".toString(),
      containerDefinitions: [[name: image, image: "127.0.0.1:5001/${prefix}/${image}:master".toString(), memory: 64]]])
  ecs('CreateService', [cluster: prefix, serviceName: image, taskDefinition: "${prefix}-${image}".toString(), desiredCount: 0])
}
def args = ["-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(), '-Dazbuild.deploy.restart=ecs',
            "-Dazbuild.deploy.ecs.cluster=${prefix}".toString(), '-Dazbuild.aws.endpoint=http://127.0.0.1:5003',
            '-Dazbuild.aws.region=eu-west-2']
['first', 'second'].each { repo.cloneTo(it).useRegistry("127.0.0.1:5000/${prefix}", *args) }
return true
