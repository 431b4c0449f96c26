import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function CityDashboardPage() {
  return <ComingSoon title="menu.cityDashboard" />;
}
