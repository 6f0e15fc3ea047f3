"""The first privacy FAQ entries; staff edit and add to them in the admin afterwards."""

from django.db import migrations

ENTRIES = [
    ("collection", 10, "What information does Azultel collect when I visit the website?",
     "Anonymous statistics only: which page was viewed, the name of the website that sent you "
     "(if any), the kind of browser, operating system and device, the state you chose for "
     "prices, and how fast our server answered. We do not record your name, account, email or "
     "IP address with those statistics."),
    ("collection", 20, "When do you ask for my Social Security number or date of birth?",
     "Only when you order a service online that needs a credit check. They are stored "
     "encrypted, can be used in full only for that credit check (every such use is recorded), and are "
     "erased 90 days after the decision."),
    ("collection", 30, "Do you collect information from children?",
     "Our services are sold to adults. We do not knowingly collect information from children "
     "under 13, and we delete it if we learn we have."),
    ("use", 10, "How do you use the information I give you?",
     "For the purpose you gave it: to answer your message, deliver and bill the service you "
     "ordered, or consider you for a job. Each personal field in our systems is labelled with "
     "the purposes it may be used for."),
    ("use", 20, "What is CPNI and will you use it for marketing?",
     "CPNI is information about your telephone service, such as the services you have and the "
     "calls you make. We use it to offer you other kinds of Azultel service only if you "
     "approve, and refusing never affects your service. See "
     "[Telephone Company Customer Privacy](/legal/cpni/)."),
    ("use", 30, "Can I see and correct my account information?",
     "Yes. After signing in you can see your services, orders and bills, and update your "
     "contact details at any time. We send a notice of the change to your previous contact "
     "details so you know if someone else made it."),
    ("sharing", 10, "Do you sell my personal information?",
     "No. We never sell personal information."),
    ("sharing", 20, "When do you share my information with anyone else?",
     "Only with your authorization, when the law requires it (for example a court order), to "
     "protect someone's safety, or to publish the phone directory according to your listing "
     "choice. Every such disclosure is recorded."),
    ("sharing", 30, "What do your business partners receive?",
     "Only totals that identify nobody, such as the number of orders in a state. Any total "
     "smaller than ten is left out."),
    ("sharing", 40, "How does my phone directory listing work?",
     "You choose when you order phone service. Listed numbers appear in the online directory "
     "and directory assistance; non-listed numbers only through directory assistance; "
     "non-published numbers appear nowhere."),
    ("security", 10, "How do you protect my password?",
     "We require at least twelve characters, refuse common passwords, store only a slow, "
     "salted scrambling of the password and slow down repeated guessing. You can also turn on "
     "two-step sign-in with an authenticator app."),
    ("security", 20, "Is my information encrypted?",
     "Every page is sent over an encrypted connection (HTTPS). Sensitive details such as "
     "Social Security numbers are also encrypted in our database, and we never store a full "
     "card number or security code."),
    ("security", 30, "Will you ever ask me security questions about my personal life?",
     "No. We never unlock an account with questions about your birthday or family. Online "
     "access to call details requires your password."),
    ("cookies", 10, "What cookies does this site use?",
     "A random session identifier that remembers your sign-in and your order in progress, a "
     "random security token for our forms, and the state you chose for prices. None of them "
     "holds personal information, and reading pages without a form sets none."),
    ("cookies", 20, "Can I use the site with cookies turned off?",
     "Yes, you can browse everything. Prices for a state can be shown with a link such as "
     "?state=NY. Ordering needs the session cookie, and the checkout tells you why."),
    ("advertising", 10, "Do you show advertising from other companies?",
     "No. This site loads nothing from advertising or tracking companies."),
    ("advertising", 20, "How are the prices and offers I see chosen?",
     "By the state you chose, the same for everyone in that state, never by who you are."),
    ("advertising", 30, "Do you use web beacons?",
     "No. A web beacon is a tiny image that reports that a page or email was seen; this site "
     "and our emails use none."),
    ("email", 10, "How do I stop marketing email?",
     "Use the unsubscribe link in any marketing email, or change your choices in your "
     "account's privacy centre. It takes effect immediately."),
    ("email", 20, "Which emails will I get even after unsubscribing?",
     "Messages about your account or something you did: order and payment confirmations, "
     "bill-ready notices if you use paperless billing, replies to your messages, changes to "
     "your services, and security or emergency notices."),
    ("email", 30, "If I tell a friend about Azultel, will you keep emailing them?",
     "No. The site has no tell-a-friend form yet; when it does, your friend will get exactly one "
     "email, will never be added to a mailing list, and we will not keep their address after "
     "sending it."),
    ("email", 40, "How will I know if this privacy policy changes?",
     "Every version is dated and numbered. If a change affects how we use personal "
     "information, we email every account holder a summary with a one-click way to refuse."),
]


def create_entries(apps, schema_editor):
    FaqEntry = apps.get_model("site", "FaqEntry")
    for topic, position, question, answer in ENTRIES:
        FaqEntry.objects.get_or_create(
            question=question,
            defaults={"topic": topic, "position": position, "answer": answer},
        )


class Migration(migrations.Migration):
    dependencies = [("site", "0001_initial")]

    operations = [migrations.RunPython(create_entries, migrations.RunPython.noop)]
