// "Find a time": asks the slot finder (GET /api/slots) when a meeting room and every person are
// free and offers the proposals as buttons. The booking form uses it, and so can other modules
// (an introduction between a clinician and a researcher, a project's progress review):
//   <FindTime query={() => ({ people: [a, b], minutes: 60, ...slotWindow(date, new Date()) })} onPick={(p) => …} />
import { SearchOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Space as AntSpace, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useFindSlots, type SlotProposal } from './api';
import { weekdayOf } from './logic';
import { tokyoDate, tokyoTime } from './time';

export interface FindTimeQuery {
  people: string[];
  minutes: number;
  from: string;
  to: string;
  kind?: string;
  min_capacity?: number;
  limit?: number;
}

/** "12/2(水) 14:00–15:30 会議室1" in the UI language. */
export function proposalLabel(p: SlotProposal, t: (key: string) => string, language: 'ja' | 'en') {
  const date = tokyoDate(new Date(p.start));
  const day = `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}(${t(`weekday.${weekdayOf(date)}`)})`;
  return `${day} ${tokyoTime(p.start)}–${tokyoTime(p.end)} ${displayName({ name_ja: p.space_name_ja, name_en: p.space_name_en }, language)}`;
}

export function FindTime({
  query,
  onPick,
  testIdPrefix = 'booking',
}: {
  /** Read when the button is pressed (e.g. from a form); null: nothing to search. */
  query: () => FindTimeQuery | null;
  onPick: (proposal: SlotProposal) => void;
  testIdPrefix?: string;
}) {
  const { t } = useTranslation('building');
  const language = currentLanguage();
  const { message } = AntApp.useApp();
  const find = useFindSlots();
  const [proposals, setProposals] = useState<SlotProposal[] | null>(null);
  const search = async () => {
    const q = query();
    if (!q) return;
    try {
      setProposals(await find.mutateAsync(q));
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  return (
    <div className="building-find-time">
      <Button icon={<SearchOutlined />} onClick={() => void search()} loading={find.isPending} data-testid={`${testIdPrefix}-find-time`}>
        {t('findTime.button')}
      </Button>
      {proposals !== null &&
        (proposals.length === 0 ? (
          <Alert type="info" showIcon message={t('findTime.none')} style={{ marginTop: 8 }} data-testid={`${testIdPrefix}-no-slots`} />
        ) : (
          <div className="building-proposals" data-testid={`${testIdPrefix}-proposals`}>
            <Typography.Text type="secondary">{t('findTime.pick')}</Typography.Text>
            <AntSpace wrap style={{ marginTop: 4 }}>
              {proposals.map((p) => (
                <Button
                  key={`${p.space_id}-${p.start}`}
                  size="small"
                  onClick={() => {
                    setProposals(null);
                    onPick(p);
                  }}
                  data-testid={`${testIdPrefix}-proposal`}
                >
                  {proposalLabel(p, t, language)}
                </Button>
              ))}
            </AntSpace>
          </div>
        ))}
    </div>
  );
}
