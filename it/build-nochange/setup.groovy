// An unchanged commit re-tags every module in the registry (no blob moves, no daemon call, a manifest PUT per tag), and -pl tags only the selected module.
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
repo.git('commit', '-q', '--allow-empty', '-m', 'only web is built')
def subset = repo.cloneTo('subset')
subset.useRegistry("127.0.0.1:5000/${prefix}")
return true
