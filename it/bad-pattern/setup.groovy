// An invalid ERE in .rebuild_patterns fails diff-mode plan with one line naming the file, the line and the pattern.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
lib.write('services/web/.rebuild_patterns', '# web\n^services/web/\n^libs/(base\n')
lib.commit('broken patterns')
return true
