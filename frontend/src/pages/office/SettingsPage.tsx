import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function SettingsPage() {
  return <ComingSoon title="menu.settings" />;
}
