// A registry refusing artifact uploads gets the build record as a plain image manifest, which the next plan reads.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def repo = lib.at('repo')
repo.basedir.mkdirs()
repo.initMini()
def prefix = lib.uniquePrefix('record-refused')
new File(basedir, 'prefix.txt').text = prefix
def proxy = lib.startRefusingProxy('127.0.0.1:5000', 'application/vnd.dev.azbuild.record.v1+json', new File(basedir, 'proxy.log'))
new File(basedir, 'proxy.txt').text = proxy
repo.cloneTo('first').useRegistry("${proxy}/${prefix}")
repo.git('commit', '-q', '--allow-empty', '-m', 'nothing changes')
repo.cloneTo('second').useRegistry("${proxy}/${prefix}")
return true
