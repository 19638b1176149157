// build and ensure-repo against ECR (moto, images on a local data plane): repositories created and the default policy applied once, unchanged on the second run.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
def prefix = lib.uniquePrefix('ecr')
new File(basedir, 'prefix.txt').text = prefix
lib.useRegistry("123456789012.dkr.ecr.us-east-2.amazonaws.com/${prefix}",
    '-Dazbuild.aws.endpoint=http://127.0.0.1:5003', '-Dazbuild.ecr.dataPlane=127.0.0.1:5000')
return true
