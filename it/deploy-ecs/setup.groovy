// deploy with ECR in two regions and restart=ecs (moto): the first deploy forces a new deployment of each service, the second restarts nothing.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def aws = evaluate(new File(itLib, 'aws.groovy'))
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
def prefix = lib.uniquePrefix('deploy-ecs')
new File(basedir, 'prefix.txt').text = prefix

aws.ecs('eu-west-2', 'CreateCluster', [clusterName: prefix])
['base', 'app'].each { image ->
  aws.ecs('eu-west-2', 'RegisterTaskDefinition', [family: "${prefix}-${image}".toString(),
      containerDefinitions: [[name: image, image: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/${prefix}/${image}:master".toString(), memory: 64]]])
  aws.ecs('eu-west-2', 'CreateService', [cluster: prefix, serviceName: image, taskDefinition: "${prefix}-${image}".toString(), desiredCount: 0])
}
// moto records no service events; a forced new deployment gives the primary deployment a new id
// and createdAt, which verify.groovy compares with these
new File(basedir, 'deployments-before.json').text = groovy.json.JsonOutput.toJson(aws.primaryDeployments('eu-west-2', prefix, ['base', 'app']))
// no azbuild.aws.region: ECR regions come from the hosts, the ECS region from the deploy registry
def args = ["-Dazbuild.deployRegistry=123456789012.dkr.ecr.eu-west-2.amazonaws.com/${prefix}".toString(),
            '-Dazbuild.deploy.restart=ecs', "-Dazbuild.deploy.ecs.cluster=${prefix}".toString(),
            '-Dazbuild.aws.endpoint=http://127.0.0.1:5003',
            '-Dazbuild.ecr.dataPlane=us-east-2=127.0.0.1:5000,eu-west-2=127.0.0.1:5001']
['first', 'second'].each { repo.cloneTo(it).useRegistry("123456789012.dkr.ecr.us-east-2.amazonaws.com/${prefix}", *args) }
return true
