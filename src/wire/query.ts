// src/wire/query.ts
//! The query sub-protocols over a ready session: Simple Query ('Q') and the extended protocol
//! (Parse/Bind/Describe/Execute/Close). Each handler writes its replies into the output; errors
//! propagate to the caller, which decides about ErrorResponse and the skip-until-Sync state.
//! https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY
//! https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY

import { LakeshiftError, SqlState, asLakeshiftError } from "../common/errors.js";
import type { ExecuteOutcome, Session } from "../session/api.js";
import { ConnectionGone, type Output } from "./output.js";
import { encodeDataRows } from "./protocol/data-row.js";
import type { BindMessage, CloseMessage, DescribeMessage, ExecuteMessage, ParseMessage } from "./protocol/messages.js";
import type { Serializer } from "./protocol/serializer.js";

/** Writes an error as ErrorResponse with all the fields Postgres clients read. */
export function writeError(ser: Serializer, err: LakeshiftError, severity: "ERROR" | "FATAL" = err.severity): void {
  ser.errorResponse({
    severity,
    code: err.sqlstate,
    message: err.message,
    detail: err.detail,
    hint: err.hint,
    position: err.position,
  });
}

/** ParameterStatus for every parameter the last statement changed. */
export function writeChangedParameters(session: Session, ser: Serializer): void {
  for (const [name, value] of session.takeChangedParameters()) ser.parameterStatus(name, value);
}

/** Streams one outcome: RowDescription (simple query only), DataRows, then CommandComplete / PortalSuspended. */
async function writeOutcome(outcome: ExecuteOutcome, out: Output, describe: boolean): Promise<void> {
  const ser = out.ser;
  switch (outcome.kind) {
    case "empty":
      ser.emptyQueryResponse();
      return;
    case "command":
      for (const n of outcome.notices ?? [])
        ser.noticeResponse({ severity: n.severity, code: n.sqlstate, message: n.message });
      ser.commandComplete(outcome.tag);
      return;
    case "rows": {
      if (describe) ser.rowDescription(outcome.columns, outcome.formats);
      for await (const slice of outcome.slices) {
        encodeDataRows(slice, outcome.formats, ser.w);
        await out.flushIfFull();
      }
      const done = outcome.finish();
      if (done.suspended) ser.portalSuspended();
      else ser.commandComplete(done.tag);
      return;
    }
  }
}

/**
 * Simple Query: every statement's results, an ErrorResponse at the first failure, then always
 * ReadyForQuery. Rethrows only FATAL errors and ConnectionGone.
 */
export async function simpleQuery(session: Session, sql: string, out: Output): Promise<void> {
  try {
    for await (const outcome of session.simpleQuery(sql)) {
      await writeOutcome(outcome, out, true);
      writeChangedParameters(session, out.ser);
    }
  } catch (e) {
    if (e instanceof ConnectionGone) throw e;
    const err = asLakeshiftError(e);
    if (err.severity === "FATAL") throw err;
    writeError(out.ser, err);
  }
  writeChangedParameters(session, out.ser);
  out.ser.readyForQuery(session.transactionStatus());
  await out.flush();
}

export async function parse(session: Session, m: ParseMessage, out: Output): Promise<void> {
  await session.parse(m.statement, m.sql, m.paramTypes);
  out.ser.parseComplete();
}

function checkFormats(formats: readonly number[]): void {
  for (const f of formats) {
    if (f !== 0 && f !== 1) throw new LakeshiftError(SqlState.InvalidParameterValue, `unsupported format code: ${f}`);
  }
}

export async function bind(session: Session, m: BindMessage, out: Output): Promise<void> {
  const nf = m.paramFormats.length;
  if (nf > 1 && nf !== m.params.length) {
    throw new LakeshiftError(
      SqlState.ProtocolViolation,
      `bind message has ${nf} parameter formats but ${m.params.length} parameters`,
    );
  }
  checkFormats(m.paramFormats);
  checkFormats(m.resultFormats);
  await session.bind(m.portal, m.statement, m.params, m.paramFormats, m.resultFormats);
  out.ser.bindComplete();
}

export async function describe(session: Session, m: DescribeMessage, out: Output): Promise<void> {
  if (m.target === "S") {
    const d = await session.describeStatement(m.name);
    out.ser.parameterDescription(d.paramTypes);
    if (d.columns === null) out.ser.noData();
    else out.ser.rowDescription(d.columns);
    return;
  }
  const d = await session.describePortal(m.name);
  if (d.columns === null) out.ser.noData();
  else out.ser.rowDescription(d.columns, d.formats);
}

export async function execute(session: Session, m: ExecuteMessage, out: Output): Promise<void> {
  const outcome = await session.execute(m.portal, m.maxRows);
  await writeOutcome(outcome, out, false);
  writeChangedParameters(session, out.ser);
}

export async function close(session: Session, m: CloseMessage, out: Output): Promise<void> {
  if (m.target === "S") await session.closeStatement(m.name);
  else await session.closePortal(m.name);
  out.ser.closeComplete();
}
