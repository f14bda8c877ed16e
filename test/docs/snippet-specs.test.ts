// Snippets that show how to run nabla's laws in a test suite of your own (docs/snippets/*.spec.ts)
// register their tests when imported, so they are imported here, while this file is collected.
import.meta.glob('../../docs/snippets/*.spec.ts', { eager: true })
