// A change to the base image rebuilds it and every module built FROM it.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('base')
new File(basedir, 'prefix.txt').text = prefix
repo.cloneTo('before').useRegistry("127.0.0.1:5000/${prefix}")
repo.write('libs/base/files/VERSION', '1.0.1\n')
repo.commit('base: 1.0.1')
repo.cloneTo('after').useRegistry("127.0.0.1:5000/${prefix}")
return true
