import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function LangSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      type="text"
      size="small"
      className={className}
      title={t('app.langTitle')}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('app.lang')}
    </Button>
  );
}
