-- Neovim 0.7 as an editor client of `datelint lsp` (run by tests/nvim.sh): open a file,
-- wait for the diagnostic, apply the quick fix, wait for the diagnostics to clear, stop.
-- Each check writes "ok NAME" or "FAILED NAME: detail" to $OUT.
local out = assert(io.open(os.getenv("OUT"), "w"))
local function check(name, ok, detail)
  out:write((ok and "ok " or "FAILED ") .. name .. (ok and "" or (": " .. tostring(detail))) .. "\n")
  return ok
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "datelint",
    cmd = { os.getenv("DATELINT"), "lsp" },
    root_dir = os.getenv("ROOT"),
  })
  check("the server starts", client_id ~= nil)
  vim.lsp.buf_attach_client(bufnr, client_id)

  local arrived = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  if not check("a diagnostic arrives", arrived, "none in 30 s") then return end
  local d = vim.diagnostic.get(bufnr)[1]
  check("it is datelint's", d.source == "datelint", d.source)
  check("on line 3, column 5", d.lnum == 2 and d.col == 4, d.lnum .. ":" .. d.col)
  check("it says why", d.message:find("shifting the year", 1, true) ~= nil, d.message)
  check("as an error", d.severity == vim.diagnostic.severity.ERROR, d.severity)

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = {
      start = { line = d.lnum, character = d.col },
      ["end"] = { line = d.end_lnum, character = d.end_col },
    },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  local actions = (responses and responses[client_id] and responses[client_id].result) or {}
  local fix
  for _, action in ipairs(actions) do
    if action.isPreferred then fix = action end
  end
  if not check("a preferred quick fix", fix ~= nil, vim.inspect(actions)) then return end
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  check("the fix is applied", text:find("from.checked_add_months(Months::new(12)).unwrap()", 1, true) ~= nil, text)
  check("with its name added to the use item", text:find("use chrono::{Datelike, Months, NaiveDate};", 1, true) ~= nil, text)

  local cleared = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)
  check("the diagnostics clear once the fix is sent", cleared, vim.inspect(vim.diagnostic.get(bufnr)))

  vim.lsp.stop_client(client_id)
  local stopped = vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
  check("the server shuts down", stopped)
end

local ok, err = pcall(run)
check("the session runs to the end", ok, err)
out:close()
vim.cmd("qa!")
