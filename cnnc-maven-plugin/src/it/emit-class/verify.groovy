// Classes straight into target/classes, no source; the user's tests pass on them.
def classes = new File(basedir, 'target/classes/com/example/nets')
assert new File(classes, 'LeNet5.class').isFile()
assert new File(classes, 'LeNet5$Vector.class').isFile()
assert new File(classes, 'LeNet5$Scalar.class').isFile()
assert !new File(basedir, 'target/generated-sources/cnnc').exists()
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
