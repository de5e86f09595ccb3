// The storeroom clerk's page (served by examples/backend): what a class holds, and a
// new-for-old exchange (以旧换新, AS-3) sent as the ledger's `Exchange` command with the
// version the page was built from. Plain TypeScript, no framework; the types come from
// the declarations generated from the published JSON Schema (build/schoollogistics.d.ts),
// so a change of the contract breaks this compile.
import type {
  Condition,
  ErrorPayload,
  Holder,
  ItemType,
  LedgerCommandExchange,
  Place,
  RecordedAssetEvent,
  StockRow,
} from "./build/schoollogistics.js";

/** The backend's view of a ledger (GET /api/schools/{school}/ledger?holder=ID). */
interface LedgerView {
  school: string;
  version: number;
  places: Place[];
  holders: Holder[];
  items: ItemType[];
  holdings: StockRow[];
}

/** The body of POST /api/schools/{school}/commands. */
interface CommandRequest {
  expected_version: number;
  command: LedgerCommandExchange;
}

const school = new URLSearchParams(window.location.search).get("school") ?? "school-1";
const api = `/api/schools/${encodeURIComponent(school)}`;

function element<T extends HTMLElement>(selector: string, kind: { new (): T }): T {
  const found = document.querySelector(selector);
  if (!(found instanceof kind)) {
    throw new Error(`missing element ${selector}`);
  }
  return found;
}

const holderSelect = element("#holder", HTMLSelectElement);
const versionOutput = element("#version", HTMLOutputElement);
const reloadButton = element("#reload", HTMLButtonElement);
const holdingsBody = element("#holdings tbody", HTMLTableSectionElement);
const form = element("#exchange", HTMLFormElement);
const expectedVersion = element("#expected_version", HTMLInputElement);
const status = element("#status", HTMLDivElement);
const field = (name: string): HTMLInputElement | HTMLSelectElement => {
  const found = form.elements.namedItem(name);
  if (found instanceof HTMLInputElement || found instanceof HTMLSelectElement) {
    return found;
  }
  throw new Error(`missing field ${name}`);
};

const holdingLabel: Record<StockRow["holding"], string> = {
  available: "在用",
  returned: "已交回",
  on_loan: "借出",
  in_repair: "维修中",
  gone: "已核销",
};

function showStatus(text: string, kind: "ok" | "refused" | ""): void {
  status.textContent = text;
  status.className = kind;
}

function clearErrors(): void {
  for (const span of document.querySelectorAll<HTMLElement>("[data-error-for]")) {
    span.textContent = "";
  }
}

/** The form field an error's path names ($.command.handed_back -> handed_back), if any. */
export function fieldOf(error: ErrorPayload): string | null {
  const match = /^\$\.(?:command\.)?([a-z_]+)/.exec(error.path ?? "");
  return match?.[1] ?? null;
}

/** Show a refusal's zh-CN message next to the field its path names, else in the status line. */
function showError(error: ErrorPayload, conflict: boolean): void {
  const name = fieldOf(error);
  const span = name === null ? null : document.querySelector(`[data-error-for="${name}"]`);
  if (span !== null && !conflict) {
    span.textContent = error.message_zh;
    showStatus("未登记：请按提示修改", "refused");
  } else {
    showStatus(error.message_zh, "refused");
  }
}

function fillSelect(select: HTMLSelectElement, options: [string, string][]): void {
  const chosen = select.value;
  select.replaceChildren(
    ...options.map(([value, label]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      return option;
    }),
  );
  if (options.some(([value]) => value === chosen)) {
    select.value = chosen;
  }
}

let items: ItemType[] = [];

function render(view: LedgerView): void {
  items = view.items;
  versionOutput.value = String(view.version);
  expectedVersion.value = String(view.version);
  fillSelect(
    holderSelect,
    view.holders.filter((h) => h.kind === "class").map((h) => [h.holder_id, h.name]),
  );
  const exchangeable = view.items.filter((item) => item.exchange_rule);
  fillSelect(
    field("item_id") as HTMLSelectElement,
    exchangeable.map((item) => [item.item_id, item.name]),
  );
  fillSelect(
    field("store_id") as HTMLSelectElement,
    view.places.filter((p) => p.kind === "storeroom").map((p) => [p.place_id, p.name]),
  );
  const nameOf = (id: string): string => items.find((i) => i.item_id === id)?.name ?? id;
  holdingsBody.replaceChildren(
    ...view.holdings.map((row) => {
      const tr = document.createElement("tr");
      tr.dataset["item"] = row.item_id;
      tr.dataset["holding"] = row.holding;
      for (const text of [nameOf(row.item_id), holdingLabel[row.holding], String(row.quantity), row.value ?? ""]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

async function load(): Promise<void> {
  const holder = holderSelect.value;
  const query = holder === "" ? "" : `?holder=${encodeURIComponent(holder)}`;
  const response = await fetch(`${api}/ledger${query}`);
  if (!response.ok) {
    showStatus(`无法读取台账（HTTP ${response.status}）`, "refused");
    return;
  }
  render((await response.json()) as LedgerView);
  if (holder === "" && holderSelect.value !== "") {
    await load(); // the first class, now that the list is known
  }
}

function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The `Exchange` command the form describes. */
export function exchangeFromForm(): LedgerCommandExchange {
  const quantity = Number.parseInt(field("quantity").value, 10);
  const handedBack = Number.parseInt(field("handed_back").value, 10);
  const recordLoss = field("record_loss") as HTMLInputElement;
  return {
    type: "Exchange",
    item_id: field("item_id").value,
    holder_id: holderSelect.value,
    store_id: field("store_id").value,
    quantity: Number.isNaN(quantity) ? null : quantity,
    handed_back: Number.isNaN(handedBack) ? null : handedBack,
    condition: field("condition").value as Condition,
    record_loss: recordLoss.checked,
    on: field("on").value,
    by: field("by").value,
    reason: field("reason").value,
  };
}

async function submit(): Promise<void> {
  clearErrors();
  showStatus("提交中…", "");
  const request: CommandRequest = {
    expected_version: Number.parseInt(expectedVersion.value, 10),
    command: exchangeFromForm(),
  };
  const response = await fetch(`${api}/commands`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  const data: unknown = await response.json();
  if (response.status === 201) {
    const recorded = data as RecordedAssetEvent;
    showStatus(`已登记以旧换新（序号 ${recorded.sequence}）`, "ok");
    await load();
  } else if (response.status === 409 || response.status === 422) {
    showError(data as ErrorPayload, response.status === 409);
  } else {
    showStatus(`服务器错误（HTTP ${response.status}）`, "refused");
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void submit();
});
holderSelect.addEventListener("change", () => void load());
reloadButton.addEventListener("click", () => {
  clearErrors();
  showStatus("", "");
  void load();
});
field("on").value = today();
void load().then(() => document.body.setAttribute("data-ready", "true"));
