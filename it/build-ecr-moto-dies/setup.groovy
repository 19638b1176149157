// The AWS emulator (a private moto) dies when the build asks it for app's ECR repository: a one-line error, app has no tag; the rerun after a restart completes and every tag names the image build.json reports.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def aws = evaluate(new File(itLib, 'aws.groovy'))
lib.initMini()
def prefix = lib.uniquePrefix('ecr-dies')
new File(basedir, 'prefix.txt').text = prefix

// ECR's control plane as azbuild sees it: a relay on `port` in front of a private moto
int port = lib.freePort()
new File(basedir, 'port.txt').text = port
def moto = aws.privateMoto(new File(basedir, 'moto'), lib.freePort()).start()
// the first request about app's repository kills the emulator
lib.killingRelay(port, moto, "\"${prefix}/app\"")
lib.useRegistry("123456789012.dkr.ecr.us-east-2.amazonaws.com/${prefix}",
    "-Dazbuild.aws.endpoint=http://127.0.0.1:${port}".toString(), '-Dazbuild.ecr.dataPlane=127.0.0.1:5000',
    // the AWS SDK's system-property credentials: verify.groovy starts Maven without the invoker's environment
    '-Daws.accessKeyId=test', '-Daws.secretAccessKey=test')
new File(basedir, '.git/info/exclude') << '/moto/\n/*.txt\n/*.log\n'
return true
