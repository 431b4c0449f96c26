import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function EventsPage() {
  return <ComingSoon title="menu.events" />;
}
