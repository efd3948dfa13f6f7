// Run every code cell of a chapter's JupyterLite notebook under the site's Pyodide, in Node.
//
// Usage: node lite_chapter.cjs <the served pyodide folder> <notebook.ipynb> <working folder>
// Prints one JSON line: {"cells": n, "figures": n, "failures": [{"cell", "error"}]}.
// Packages load only from the served folder (its lock), as in the reader's browser; the
// figures are drawn to PNG with Agg, since Node has no page to draw them on.
const fs = require("fs");
const path = require("path");

const [folder, notebookPath, workdir] = process.argv.slice(2);
const { loadPyodide } = require(path.join(folder, "pyodide.js"));

const AFTER_CELL = `
import io, sys
def _after_cell():
    """Draw and close the cell's figures; how many there were."""
    if "matplotlib.pyplot" not in sys.modules:
        return 0
    pyplot = sys.modules["matplotlib.pyplot"]
    numbers = pyplot.get_fignums()
    for number in numbers:
        pyplot.figure(number).savefig(io.BytesIO(), format="png")
    pyplot.close("all")
    return len(numbers)
`;

(async () => {
  const notebook = JSON.parse(fs.readFileSync(notebookPath, "utf8"));
  const pyodide = await loadPyodide({ indexURL: folder + "/", stdout: () => {}, stderr: () => {} });
  pyodide.runPython(`
import os
os.environ["MPLBACKEND"] = "Agg"
os.makedirs(${JSON.stringify(workdir)}, exist_ok=True)
os.chdir(${JSON.stringify(workdir)})
`);
  const report = { cells: 0, figures: 0, failures: [] };
  let helpers = false;
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    report.cells++;
    try {
      await pyodide.loadPackagesFromImports(source, { messageCallback: () => {} });
      if (!helpers) {
        pyodide.runPython(AFTER_CELL);
        helpers = true;
      }
      const value = await pyodide.runPythonAsync(source);
      if (value && typeof value.destroy === "function") value.destroy();
      report.figures += pyodide.runPython("_after_cell()");
    } catch (error) {
      const message = String(error && error.message ? error.message : error).trim();
      report.failures.push({ cell: index, error: message.split("\n").slice(-6).join("\n") });
      pyodide.runPython("import sys\nif 'matplotlib.pyplot' in sys.modules: sys.modules['matplotlib.pyplot'].close('all')");
    }
  }
  console.log(JSON.stringify(report));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
