// CSV and Excel downloads of a list (the server's exports, written by office::Table): two buttons
// linking to `${base}.csv` and `${base}.xlsx` with the list's filters and the UI's language, so the
// file has what the page shows, headed in the language the person reads.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildUrl, type RequestOptions } from './api';
import { currentLanguage } from './i18n';

export type ExportFormat = 'csv' | 'xlsx';

export function exportHref(base: string, format: ExportFormat, query: RequestOptions['query'] = {}) {
  return buildUrl(`${base}.${format}`, { ...query, lang: currentLanguage() });
}

export function ExportButtons({ base, query, testId }: { base: string; query?: RequestOptions['query']; testId: string }) {
  const { t } = useTranslation('shell');
  return (
    <Space wrap>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button key={format} icon={<DownloadOutlined />} href={exportHref(base, format, query)} download data-testid={`${testId}-${format}`}>
          {t(`export.${format}`)}
        </Button>
      ))}
    </Space>
  );
}
