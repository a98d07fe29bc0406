import { App as AntApp, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from './api';
import { errorMessage } from './errors';
import { currentLanguage } from './i18n';
import { useChangeLanguage } from './session';

/** 日本語 / English; saved on the server for a signed-in person, in this browser otherwise. */
export function LanguageSwitch({ size }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation('shell');
  const { message } = AntApp.useApp();
  const change = useChangeLanguage();
  const value = (i18n.language === 'en' ? 'en' : 'ja') as Language;
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={value}
      options={[
        { value: 'ja', label: t('language.ja') },
        { value: 'en', label: t('language.en') },
      ]}
      onChange={(language) => {
        if (language === currentLanguage()) return;
        change.mutate(language, {
          onError: (error) => message.error(`${t('language.saveFailed')}: ${errorMessage(error, t)}`),
        });
      }}
    />
  );
}
