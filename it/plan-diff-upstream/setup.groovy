// Diff mode: a changed base module rebuilds every module built FROM it, and own-pattern decisions equal the bash scripts' git diff | grep -E.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
lib.git('checkout', '-q', '-b', 'base-bump')
lib.write('libs/base/files/VERSION', '1.0.1\n')
lib.git('mv', 'services/web/static/index.html', 'services/web/static/home.html')
lib.commit('bump base, rename a page')
// uncommitted: must not count, because azbuild.head is given
lib.write('services/worker/bin/work.sh', 'changed but not committed\n')
return true
