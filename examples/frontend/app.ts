// A small front end of the asset ledger, type-checked against the declarations
// generated from the schema bundle (build/schoollogistics.d.ts, by
// json-schema-to-typescript). `tsc --strict` refuses this file when the contract
// changes under it: a field renamed, a value no longer allowed.
import type {
  Condition,
  ErrorPayload,
  LedgerCommand,
  LedgerCommandExchange,
  Money,
  Severity,
  Violation,
} from "./build/schoollogistics.js";

/** A new-for-old exchange (以旧换新, AS-3), as the ledger's `Exchange` command. */
export function exchangeCommand(
  holderId: string,
  handedBack: number,
  condition: Condition,
  on: string,
): LedgerCommand {
  const command: LedgerCommandExchange = {
    type: "Exchange",
    item_id: "broom",
    holder_id: holderId,
    store_id: "store",
    quantity: 2,
    handed_back: handedBack,
    condition,
    record_loss: handedBack < 2,
    on,
    by: "t-li",
    reason: "扫帚磨损",
  };
  return command;
}

const severityLabel: Record<Severity, string> = {
  error: "错误",
  warning: "警告",
  info: "提示",
};

/** One line for a finding: its code, severity and parameters. */
export function describe(violation: Violation): string {
  const params = Object.entries(violation.params ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
  return `[${severityLabel[violation.severity]}] ${violation.code} (${violation.rule}) ${params}`;
}

/** The message a form shows next to the refused field. */
export function fieldMessage(error: ErrorPayload): string {
  return error.path === null ? error.message_zh : `${error.path}: ${error.message_zh}`;
}

/** Money stays decimal text: never a JS number. */
export const unitCost: Money = "15.00";

const command = exchangeCommand("class-32", 2, "worn", "2025-09-22");
if (command.type === "Exchange") {
  // Narrowed by the "type" tag: the exchange's own fields are known here.
  const handedBack: number | null | undefined = command.handed_back;
  void handedBack;
}

const finding: Violation = {
  code: "assets.loan_open_at_term_end",
  severity: "warning",
  subject: "L-1201",
  rule: "AS-5",
  params: { borrower: "class-32", due_on: "2025-12-19" },
  message_en: "loan L-1201 is still out at the end of term",
  message_zh: "学期末借用物品仍未归还",
};
export const line: string = describe(finding);
