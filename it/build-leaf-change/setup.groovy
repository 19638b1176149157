// A change to one leaf module rebuilds only it; the second build runs with -T2 (parallel modules).
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('leaf')
repo.cloneTo('before').useRegistry("127.0.0.1:5000/${prefix}")
repo.write('services/web/static/index.html', '<!doctype html>\n<h1>changed</h1>\n')
repo.commit('web: new page')
repo.cloneTo('after').useRegistry("127.0.0.1:5000/${prefix}", '-T2')
return true
