def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
lib.initExample()
lib.write('services/web/.rebuild_patterns', '# web\n^services/web/\n^libs/(base\n')
lib.commit('broken patterns')
return true
