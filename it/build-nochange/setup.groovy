def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initExample()
def prefix = lib.uniquePrefix('nochange')
new File(basedir, 'prefix.txt').text = prefix
def before = repo.cloneTo('before')
before.useRegistry("127.0.0.1:5000/${prefix}")
repo.git('commit', '-q', '--allow-empty', '-m', 'nothing changes')
def after = repo.cloneTo('after')
after.useRegistry("127.0.0.1:5000/${prefix}")
return true
