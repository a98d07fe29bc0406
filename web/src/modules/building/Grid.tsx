// The booking grid: spaces × time for a day or a week, free cells picked by dragging (or by a
// tap on a phone, where time runs down and the spaces scroll sideways).
import { Tag } from 'antd';
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import type { Booking, Space } from './api';
import { dragRange, GRID_END, GRID_START, hhmm, SLOT, toMinutes, weekdayOf, type CellState } from './logic';
import { tokyoDate, tokyoMinutes, tokyoTime } from './time';

/** A booking being started from the grid or the toolbar: space, local date and times. */
export interface Draft {
  space_id: string;
  date: string;
  start: string;
  end: string;
}

interface GridRow {
  key: string;
  date: string;
  space: Space;
}

interface Selection {
  row: string;
  anchor: number;
  current: number;
}

const SLOTS: number[] = [];
for (let m = GRID_START; m < GRID_END; m += SLOT) SLOTS.push(m);

function endMinutes(b: Booking) {
  const m = tokyoMinutes(b.end);
  return m === 0 ? 1440 : m;
}

/** Each space and day of the grid, with the state of each slot and the booking taking it. */
function useGridCells(dates: string[], spaces: Space[], bookings: Booking[]) {
  const rows: GridRow[] = useMemo(() => dates.flatMap((date) => spaces.map((space) => ({ key: `${date}/${space.id}`, date, space }))), [dates, spaces]);
  const cells = useMemo(() => {
    const out = new Map<string, { states: Map<number, CellState>; bookings: Map<number, Booking> }>();
    for (const row of rows) {
      const here = bookings.filter(
        (b) => b.space_id === row.space.id && tokyoDate(new Date(b.start)) === row.date && (b.status === 'confirmed' || b.status === 'pending'),
      );
      const states = new Map<number, CellState>();
      const taken = new Map<number, Booking>();
      for (const m of SLOTS) {
        const booking = here.find((b) => tokyoMinutes(b.start) < m + SLOT && m < endMinutes(b));
        if (booking) {
          states.set(m, 'taken');
          taken.set(m, booking);
        } else if (m < toMinutes(row.space.opens_at) || m + SLOT > toMinutes(row.space.closes_at)) states.set(m, 'closed');
        else states.set(m, 'free');
      }
      out.set(row.key, { states, bookings: taken });
    }
    return out;
  }, [rows, bookings]);

  return { rows, cells };
}

/** Spaces × time for one day, or spaces × days × time for a week (a row per space and day). */
export function Grid({ dates, spaces, bookings, onPick }: { dates: string[]; spaces: Space[]; bookings: Booking[]; onPick: (d: Draft) => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const week = dates.length > 1;
  const [selection, setSelection] = useState<Selection | null>(null);

  const { rows, cells } = useGridCells(dates, spaces, bookings);

  const range = selection ? dragRange(cells.get(selection.row)!.states, selection.anchor, selection.current) : null;

  // One window listener reads the latest state through a ref, so a mouseup anywhere (even
  // outside the grid, or straight after the mousedown) ends the drag. The ref is written after
  // each commit (a layout effect runs before the browser can deliver the next event), not during render.
  const latest = useRef({ selection, rows, cells, onPick });
  useLayoutEffect(() => {
    latest.current = { selection, rows, cells, onPick };
  });
  useEffect(() => {
    const finish = () => {
      const { selection: current, rows: allRows, cells: allCells, onPick: pick } = latest.current;
      if (!current) return;
      latest.current.selection = null;
      setSelection(null);
      const row = allRows.find((r) => r.key === current.row);
      const chosen = dragRange(allCells.get(current.row)!.states, current.anchor, current.current);
      if (row && chosen) pick({ space_id: row.space.id, date: row.date, start: hhmm(chosen.start), end: hhmm(Math.min(chosen.end, GRID_END)) });
    };
    window.addEventListener('mouseup', finish);
    return () => window.removeEventListener('mouseup', finish);
  }, []);

  const dayLabel = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))} (${t(`weekday.${weekdayOf(date)}`)})`;

  return (
    <div className="building-grid" role="grid" aria-label={t('grid.label')}>
      <table>
        <thead>
          <tr>
            <th className="building-grid-space">{t('grid.space')}</th>
            {SLOTS.map((m) => (
              <th key={m} className="building-grid-hour">
                {m % 60 === 0 ? hhmm(m).replace(/^0/, '') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dates.map((date) => (
            <Fragment key={date}>
              {week && (
                <tr className="building-grid-day">
                  <th colSpan={SLOTS.length + 1} data-testid={`week-day-${date}`}>
                    {dayLabel(date)}
                  </th>
                </tr>
              )}
              {spaces.map((space) => {
                const key = `${date}/${space.id}`;
                const row = cells.get(key);
                if (!row) return null;
                return (
                  <tr key={key} data-space={space.code} data-date={date}>
                    <th className="building-grid-space" scope="row">
                      {displayName(space, language)}
                      {space.needs_approval && (
                        <Tag color="orange" className="building-approval-tag">
                          {t('space.approval')}
                        </Tag>
                      )}
                    </th>
                    {SLOTS.map((m) => {
                      const state = row.states.get(m)!;
                      if (state === 'taken') {
                        const booking = row.bookings.get(m)!;
                        const first = tokyoMinutes(booking.start) >= m;
                        const testid = week ? `taken-${date}-${space.code}-${hhmm(m)}` : `taken-${space.code}-${hhmm(m)}`;
                        return (
                          <td
                            key={m}
                            className={`building-cell taken ${booking.status}`}
                            title={`${booking.title} ${tokyoTime(booking.start)}–${tokyoTime(booking.end)} ${displayName(booking.organiser, language)}`}
                            data-testid={first ? testid : undefined}
                          >
                            {first ? booking.title : ''}
                          </td>
                        );
                      }
                      if (state === 'closed') return <td key={m} className="building-cell closed" aria-label={t('grid.closed')} />;
                      const selected = selection?.row === key && range !== null && m >= range.start && m < range.end;
                      const label = week
                        ? t('grid.freeOn', { space: displayName(space, language), date: dayLabel(date), time: hhmm(m) })
                        : t('grid.free', { space: displayName(space, language), time: hhmm(m) });
                      return (
                        <td
                          key={m}
                          className={selected ? 'building-cell free selected' : 'building-cell free'}
                          aria-label={label}
                          data-slot={hhmm(m)}
                          onMouseDown={(e) => {
                            if (e.button !== 0) return;
                            e.preventDefault();
                            const started = { row: key, anchor: m, current: m };
                            latest.current.selection = started;
                            setSelection(started);
                          }}
                          onMouseEnter={() => {
                            const current = latest.current.selection;
                            if (current?.row === key) {
                              const moved = { ...current, current: m };
                              latest.current.selection = moved;
                              setSelection(moved);
                            }
                          }}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              const chosen = dragRange(row.states, m, m);
                              if (chosen) onPick({ space_id: space.id, date, start: hhmm(chosen.start), end: hhmm(chosen.end) });
                            }
                          }}
                          tabIndex={0}
                        />
                      );
                    })}
                  </tr>
                );
              })}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The grid on a phone: time runs down the left and stays put while the spaces (and, for a week,
 * the days) scroll sideways, so the whole day is there by scrolling down. A booking is one block
 * over its slots; tapping a free slot books it (an hour, or less if the next slot is taken).
 */
export function PhoneGrid({ dates, spaces, bookings, onPick }: { dates: string[]; spaces: Space[]; bookings: Booking[]; onPick: (d: Draft) => void }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const week = dates.length > 1;
  const { rows, cells } = useGridCells(dates, spaces, bookings);
  const dayLabel = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))} (${t(`weekday.${weekdayOf(date)}`)})`;
  // The slots a booking block covers below its first one are not drawn again.
  const covered = new Set<string>();

  return (
    <div className="building-grid building-grid-phone" role="grid" aria-label={t('grid.label')} data-testid="phone-grid">
      <table>
        <thead>
          {week && (
            <tr className="building-grid-days">
              <th className="building-grid-time" />
              {dates.map((date) => (
                <th key={date} colSpan={spaces.length} data-testid={`week-day-${date}`}>
                  {dayLabel(date)}
                </th>
              ))}
            </tr>
          )}
          <tr>
            <th className="building-grid-time">{t('grid.time')}</th>
            {rows.map((row) => (
              <th key={row.key} className="building-grid-column" scope="col">
                {displayName(row.space, language)}
                {row.space.needs_approval && (
                  <Tag color="orange" className="building-approval-tag">
                    {t('space.approval')}
                  </Tag>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SLOTS.map((m) => (
            <tr key={m} className={m % 60 === 0 ? 'building-grid-hour-row' : undefined}>
              <th className="building-grid-time" scope="row">
                {hhmm(m).replace(/^0/, '')}
              </th>
              {rows.map((row) => {
                const cellKey = `${row.key}@${m}`;
                if (covered.has(cellKey)) return null;
                const here = cells.get(row.key)!;
                const state = here.states.get(m)!;
                if (state === 'taken') {
                  const booking = here.bookings.get(m)!;
                  let span = 1;
                  while (here.bookings.get(m + span * SLOT) === booking) {
                    covered.add(`${row.key}@${m + span * SLOT}`);
                    span++;
                  }
                  const testid = week ? `taken-${row.date}-${row.space.code}-${hhmm(m)}` : `taken-${row.space.code}-${hhmm(m)}`;
                  return (
                    <td key={row.key} rowSpan={span} className={`building-cell taken ${booking.status}`} data-testid={testid}>
                      <span className="building-block-title">{booking.title}</span>
                      <span className="building-block-time">
                        {tokyoTime(booking.start)}–{tokyoTime(booking.end)}
                      </span>
                    </td>
                  );
                }
                if (state === 'closed') return <td key={row.key} className="building-cell closed" aria-label={t('grid.closed')} />;
                const label = week
                  ? t('grid.freeOn', { space: displayName(row.space, language), date: dayLabel(row.date), time: hhmm(m) })
                  : t('grid.free', { space: displayName(row.space, language), time: hhmm(m) });
                const pick = () => {
                  const chosen = dragRange(here.states, m, m);
                  if (chosen) onPick({ space_id: row.space.id, date: row.date, start: hhmm(chosen.start), end: hhmm(Math.min(chosen.end, GRID_END)) });
                };
                return (
                  <td
                    key={row.key}
                    className="building-cell free"
                    aria-label={label}
                    data-slot={hhmm(m)}
                    data-space={row.space.code}
                    data-date={row.date}
                    role="button"
                    tabIndex={0}
                    onClick={pick}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        pick();
                      }
                    }}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
