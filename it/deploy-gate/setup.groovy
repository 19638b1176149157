// deploy with a module whose commit image is missing stops at the gate with one line listing it, and changes nothing in either registry.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
def prefix = lib.uniquePrefix('deploy-gate')
new File(basedir, 'prefix.txt').text = prefix
['built', 'deploy'].each {
  repo.cloneTo(it).useRegistry("127.0.0.1:5000/${prefix}", "-Dazbuild.deployRegistry=127.0.0.1:5001/${prefix}")
}
return true
