// The building page: a day or week grid of spaces × time with what is free (book by dragging
// across free cells or with the form, single or recurring), the person's own bookings, the
// office's approval queue, floor-by-floor spaces (the office edits them) and the calendar feeds.
// The grid, the booking form, the tables and the panels are in their own files beside this one.
import { Alert, Button, Card, DatePicker, Segmented, Select, Space as AntSpace, Tabs, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { ExportButtons } from '../../shell/ExportButtons';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useIsPhone } from '../../shell/responsive';
import { hasAnyRole } from '../../shell/roles';
import { useBookings, useSpaces } from './api';
import { ApprovalTable } from './ApprovalTable';
import { BookingForm } from './BookingForm';
import { BookingTable } from './BookingTable';
import { CalendarFeed } from './CalendarFeed';
import { FloorList } from './FloorList';
import { Grid, PhoneGrid, type Draft } from './Grid';
import { approvalRows, weekDays } from './logic';
import { addDays, tokyoDate } from './time';
import './building.css';

export function BuildingPage({ me }: { me: Me }) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const spaces = useSpaces();
  const [date, setDate] = useState(() => tokyoDate(new Date()));
  const [view, setView] = useState<'day' | 'week'>('day');
  const [spaceFilter, setSpaceFilter] = useState<string[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const dates = useMemo(() => (view === 'day' ? [date] : weekDays(date)), [view, date]);
  const shown = useBookings({ from: dates[0], to: addDays(dates[dates.length - 1], 1) });
  const today = tokyoDate(new Date());
  const mine = useBookings({ from: today, to: addDays(today, 400), mine: true });
  const office = hasAnyRole(me.roles, ['office', 'admin']);
  const pending = useBookings({ from: today, to: addDays(today, 400), status: 'pending' });
  const bookable = useMemo(() => (spaces.data?.items ?? []).filter((s) => s.bookable), [spaces.data]);
  const gridSpaces = useMemo(() => (spaceFilter.length ? bookable.filter((s) => spaceFilter.includes(s.id)) : bookable), [bookable, spaceFilter]);
  const step = view === 'day' ? 1 : 7;
  const phone = useIsPhone();

  if (spaces.isError) return <Alert type="error" message={errorMessage(spaces.error, t)} />;
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ space_id: bookable[0]?.id ?? '', date, start: '10:00', end: '11:00' })}>
            {t('form.open')}
          </Button>
        }
      >
        {t('title')}
      </PageTitle>
      <Tabs
        items={[
          {
            key: 'grid',
            label: t('tabs.grid'),
            children: (
              <>
                <AntSpace style={{ marginBottom: 12 }} wrap className="building-toolbar">
                  <Segmented
                    value={view}
                    onChange={(v) => setView(v as 'day' | 'week')}
                    options={[
                      { value: 'day', label: t('grid.day') },
                      { value: 'week', label: t('grid.week') },
                    ]}
                  />
                  <Button
                    icon={<LeftOutlined />}
                    aria-label={view === 'day' ? t('grid.previous') : t('grid.previousWeek')}
                    onClick={() => setDate(addDays(date, -step))}
                  />
                  <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
                  <Button
                    icon={<RightOutlined />}
                    aria-label={view === 'day' ? t('grid.next') : t('grid.nextWeek')}
                    onClick={() => setDate(addDays(date, step))}
                  />
                  <Button onClick={() => setDate(tokyoDate(new Date()))}>{t('grid.today')}</Button>
                  <Select
                    mode="multiple"
                    allowClear
                    style={{ minWidth: 220 }}
                    placeholder={t('grid.allSpaces')}
                    value={spaceFilter}
                    onChange={setSpaceFilter}
                    optionFilterProp="label"
                    options={bookable.map((s) => ({ value: s.id, label: displayName(s, language) }))}
                    aria-label={t('grid.filter')}
                  />
                  <ExportButtons
                    base="/api/bookings/export"
                    query={{ from: dates[0], to: addDays(dates[dates.length - 1], 1), space_id: spaceFilter.length === 1 ? spaceFilter[0] : undefined }}
                    testId="bookings"
                  />
                </AntSpace>
                <Typography.Paragraph type="secondary">{phone ? t('grid.hintPhone') : t('grid.hint')}</Typography.Paragraph>
                {spaces.isPending ? (
                  <Card loading />
                ) : phone ? (
                  <PhoneGrid dates={dates} spaces={gridSpaces} bookings={shown.data ?? []} onPick={setDraft} />
                ) : (
                  <Grid dates={dates} spaces={gridSpaces} bookings={shown.data ?? []} onPick={setDraft} />
                )}
              </>
            ),
          },
          { key: 'mine', label: t('tabs.mine'), children: <BookingTable bookings={mine.data ?? []} loading={mine.isPending} meId={me.id} /> },
          ...(office
            ? [
                {
                  key: 'approval',
                  label: `${t('tabs.approval')} (${approvalRows(pending.data ?? []).length})`,
                  children: <ApprovalTable bookings={pending.data ?? []} loading={pending.isPending} />,
                },
              ]
            : []),
          {
            key: 'floors',
            label: t('tabs.floors'),
            children: <FloorList spaces={spaces.data?.items ?? []} floors={spaces.data?.floors ?? []} office={office} />,
          },
          { key: 'feed', label: t('tabs.feed'), children: <CalendarFeed spaces={bookable} /> },
        ]}
      />
      <BookingForm draft={draft} spaces={spaces.data?.items ?? []} onClose={() => setDraft(null)} me={me} />
    </>
  );
}
