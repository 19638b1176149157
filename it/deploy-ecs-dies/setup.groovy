// The AWS emulator dies mid-ECS-restart: one-line error, the module is not recorded as deployed, the rerun completes.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir).at('repo')
lib.basedir.mkdirs()
lib.initMini()
def prefix = lib.uniquePrefix('deploy-ecs-dies')
new File(basedir.toString(), 'prefix.txt').text = prefix
int port = lib.freePort()
new File(basedir.toString(), 'moto-port.txt').text = port
lib.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}".toString(),
    '-Dazbuild.deploy.restart=ecs', "-Dazbuild.deploy.ecs.cluster=${prefix}".toString(),
    "-Dazbuild.aws.endpoint=http://127.0.0.1:${port}".toString(), '-Dazbuild.aws.region=eu-west-2',
    '-Dazbuild.deploy.ecs.timeout=300',
    // the AWS SDK's system-property credentials: verify.groovy starts Maven without the invoker's environment
    '-Daws.accessKeyId=test', '-Daws.secretAccessKey=test')
return true
