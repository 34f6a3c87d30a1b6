// The build fails on the model's shape error, naming its file, line and column in Maven's error lines.
def log = new File(basedir, 'build.log').text
def model = new File(basedir, 'src/main/cnn/com/example/nets/bad.cnn').canonicalFile
assert log.contains('[ERROR] ' + model.path + ':4:9: error[E302]') : log
assert log.contains('cnnc found 1 error')
assert log.contains('BUILD FAILURE')
