// deploy on a branch other than the default one is refused with one line saying how to allow it.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initMini()
lib.git('checkout', '-q', '-b', 'feature')
def prefix = lib.uniquePrefix('deploy-branch')
new File(basedir, 'prefix.txt').text = prefix
lib.useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}")
return true
