<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk">
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>Тауар</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Баға</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Саны</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>Сома</translation>
    </message>
    <message>
        <source>Price changed from {old} to {new}: {reason}</source>
        <translation>Баға {old} орнына {new} болып өзгертілді: {reason}</translation>
    </message>
    <message>
        <source>Type the quantity in digits</source>
        <translation>Санын цифрмен енгізіңіз</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>Only a QR sale can get a new QR code.</source>
        <translation>Жаңа QR-кодты тек QR арқылы төлеуге алуға болады.</translation>
    </message>
    <message>
        <source>This sale is already paid.</source>
        <translation>Бұл сатылым төленіп қойған.</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s phone number.</source>
        <translation>Сатып алушының телефон нөмірін енгізіңіз.</translation>
    </message>
    <message>
        <source>This cart already waits for a payment to {phone}. Cancel it first.</source>
        <translation>Бұл себет {phone} нөміріне төлемді күтіп тұр. Алдымен оны болдырмаңыз.</translation>
    </message>
    <message>
        <source>The payment is not confirmed yet; try again in a moment.</source>
        <translation>Төлем әлі расталмады; сәлден кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>No payment was created. Ring the cart up again.</source>
        <translation>Төлем жасалмады. Себетті қайта рәсімдеңіз.</translation>
    </message>
</context>
<context>
    <name>CheckoutController</name>
    <message>
        <source>Show or hide the customer display</source>
        <translation>Сатып алушы экранын көрсету немесе жасыру</translation>
    </message>
    <message>
        <source>The demo sandbox did not answer. Try again.</source>
        <translation>Демо-сервер жауап бермеді. Қайталап көріңіз.</translation>
    </message>
    <message>
        <source>The payment could not be started. Try again.</source>
        <translation>Төлемді бастау мүмкін болмады. Қайталап көріңіз.</translation>
    </message>
    <message>
        <source>No payment was created. Ring the cart up again.</source>
        <translation>Төлем жасалмады. Себетті қайта рәсімдеңіз.</translation>
    </message>
    <message>
        <source>This number has no Kaspi. Ask for another number or use the QR.</source>
        <translation>Бұл нөмірде Kaspi жоқ. Басқа нөмір сұраңыз немесе QR қолданыңыз.</translation>
    </message>
    <message>
        <source>The payment service says: {reason}</source>
        <translation>Төлем қызметінің хабары: {reason}</translation>
    </message>
    <message>
        <source>The payment was not cancelled: {reason}</source>
        <translation>Төлемнен бас тартылмады: {reason}</translation>
    </message>
    <message>
        <source>The earlier QR code was paid.</source>
        <translation>Алдыңғы QR-код төленді.</translation>
    </message>
    <message>
        <source>An earlier invoice for this cart reached the payment service late.</source>
        <translation>Осы себет бойынша бұрынғы шот төлем қызметіне кешігіп жетті.</translation>
    </message>
    <message>
        <source>The customer paid it.</source>
        <translation>Сатып алушы оны төледі.</translation>
    </message>
    <message>
        <source>Cancel the newer payment request so the customer does not pay twice.</source>
        <translation>Сатып алушы екі рет төлемеуі үшін жаңа төлем сұрауынан бас тартыңыз.</translation>
    </message>
    <message>
        <source>It is waiting for the customer again.</source>
        <translation>Ол қайтадан сатып алушының төлемін күтуде.</translation>
    </message>
    <message>
        <source>It was cancelled, so the customer cannot pay it twice.</source>
        <translation>Одан бас тартылды, сондықтан сатып алушы екі рет төлей алмайды.</translation>
    </message>
    <message>
        <source>It could not be cancelled: cancel it in the Kaspi app or refund it if the customer pays it.</source>
        <translation>Одан бас тарту мүмкін болмады: Kaspi қолданбасында одан бас тартыңыз немесе сатып алушы төлесе, ақшаны қайтарыңыз.</translation>
    </message>
    <message>
        <source>Cancel the payment?</source>
        <translation>Төлемнен бас тарту керек пе?</translation>
    </message>
    <message>
        <source>Cancel the payment request of {amount}? The customer will not be able to pay it any more.</source>
        <translation>{amount} төлем сұрауынан бас тартасыз ба? Сатып алушы оны енді төлей алмайды.</translation>
    </message>
    <message>
        <source>Cancel the payment</source>
        <translation>Төлемнен бас тарту</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Күтуді жалғастыру</translation>
    </message>
    <message>
        <source>Too late to cancel: the customer has already paid.</source>
        <translation>Бас тартуға кеш: сатып алушы төлеп қойды.</translation>
    </message>
    <message>
        <source>New QR code shown. The previous one is still watched.</source>
        <translation>Жаңа QR-код көрсетілді. Алдыңғысы әлі бақылауда.</translation>
    </message>
    <message>
        <source>Paid twice</source>
        <translation>Екі рет төленді</translation>
    </message>
    <message>
        <source>The customer paid this cart twice ({amount} each, two QR codes). Refund the later payment?</source>
        <translation>Сатып алушы бұл себетті екі рет төледі (әрқайсысы {amount}, екі QR-код). Кейінгі төлемді қайтару керек пе?</translation>
    </message>
    <message>
        <source>Refund the later payment</source>
        <translation>Кейінгі төлемді қайтару</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Қазір емес</translation>
    </message>
    <message>
        <source>The refund failed: {reason}</source>
        <translation>Қайтару орындалмады: {reason}</translation>
    </message>
    <message>
        <source>Refund of {amount} requested.</source>
        <translation>{amount} қайтару сұралды.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Search: name, barcode or code (F2)</source>
        <extracomment>How often the catalog is refreshed in the background while the screen is open. How long a message under the cart stays.</extracomment>
        <translation>Іздеу: атауы, штрихкод немесе код (F2)</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Жаңарту</translation>
    </message>
    <message>
        <source>Load the catalog from the provider again</source>
        <translation>Каталогты провайдерден қайта жүктеу</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Amount for goods not in the catalog</source>
        <translation>Каталогта жоқ тауардың сомасы</translation>
    </message>
    <message>
        <source>Amount, ₸</source>
        <translation>Сома, ₸</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>Себетке қосу</translation>
    </message>
    <message>
        <source>Free amount</source>
        <translation>Еркін сома</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Жалғастыру</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Жою</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Кейінге қалдырылған</translation>
    </message>
    <message>
        <source>One less (−)</source>
        <translation>Біреуге азайту (−)</translation>
    </message>
    <message>
        <source>One more (+)</source>
        <translation>Біреуге көбейту (+)</translation>
    </message>
    <message>
        <source>Price…</source>
        <translation>Баға…</translation>
    </message>
    <message>
        <source>Charge another price for this line</source>
        <translation>Бұл жолға басқа баға қою</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Алып тастау</translation>
    </message>
    <message>
        <source>Remove the line (Del)</source>
        <translation>Жолды алып тастау (Del)</translation>
    </message>
    <message>
        <source>Discount, % (F4)</source>
        <translation>Жеңілдік, % (F4)</translation>
    </message>
    <message>
        <source>1–99</source>
        <translation>1–99</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Барлығы</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Жеңілдіксіз сома</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Жеңілдік</translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation>Белгі (міндетті емес)</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Кейінге қалдыру</translation>
    </message>
    <message>
        <source>Put this sale aside and start a new one</source>
        <translation>Бұл сатылымды кейінге қалдырып, жаңасын бастау</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Тазалау</translation>
    </message>
    <message>
        <source>Pay by phone (F11)</source>
        <translation>Телефон арқылы төлеу (F11)</translation>
    </message>
    <message>
        <source>Pay by QR (F12)</source>
        <translation>QR арқылы төлеу (F12)</translation>
    </message>
    <message>
        <source>New price, ₸</source>
        <translation>Жаңа баға, ₸</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Себебі (міндетті)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Қолдану</translation>
    </message>
    <message>
        <source>Catalog price</source>
        <translation>Каталог бағасы</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Болдырмау</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>Каталогтан іздеу</translation>
    </message>
    <message>
        <source>Pay by phone</source>
        <translation>Телефон арқылы төлеу</translation>
    </message>
    <message>
        <source>Pay by QR</source>
        <translation>QR арқылы төлеу</translation>
    </message>
    <message>
        <source>Close the panel / clear the search</source>
        <translation>Панельді жабу / іздеуді тазалау</translation>
    </message>
    <message>
        <source>Add the selected item to the cart; confirm the amount, discount or price typed</source>
        <translation>Таңдалған тауарды себетке қосу; енгізілген соманы, жеңілдікті немесе бағаны растау</translation>
    </message>
    <message>
        <source>Move through the items while searching</source>
        <translation>Іздеу кезінде тауарлар арасында жылжу</translation>
    </message>
    <message>
        <source>One more / one less of the selected line</source>
        <translation>Таңдалған жолдағы санды көбейту / азайту</translation>
    </message>
    <message>
        <source>Remove the selected line</source>
        <translation>Таңдалған жолды алып тастау</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Сканер</translation>
    </message>
    <message>
        <source>Scan a barcode wherever the cursor is: the item goes into the cart</source>
        <translation>Курсор қай жерде тұрса да, штрихкодты сканерлеңіз: тауар себетке түседі</translation>
    </message>
    <message>
        <source>Updating the catalog…</source>
        <translation>Каталог жаңартылуда…</translation>
    </message>
    <message>
        <source>No connection: showing the saved catalog ({when}).</source>
        <translation>Байланыс жоқ: сақталған каталог көрсетілген ({when}).</translation>
    </message>
    <message>
        <source>No connection and no saved catalog yet: use the free amount.</source>
        <translation>Байланыс жоқ, сақталған каталог та әлі жоқ: еркін соманы қолданыңыз.</translation>
    </message>
    <message>
        <source>This provider has no catalog: use the free amount.</source>
        <translation>Бұл провайдерде каталог жоқ: еркін соманы қолданыңыз.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n тауар</numerusform>
            <numerusform>%n тауар</numerusform>
        </translation>
    </message>
    <message>
        <source>never updated</source>
        <translation>әлі жаңартылмаған</translation>
    </message>
    <message>
        <source>Nothing found for “{text}”</source>
        <translation>«{text}» бойынша ештеңе табылмады</translation>
    </message>
    <message>
        <source>Unknown barcode {code}: not in the catalog</source>
        <translation>Белгісіз штрихкод {code}: каталогта жоқ</translation>
    </message>
    <message>
        <source>Scanned: {name}</source>
        <translation>Сканерленді: {name}</translation>
    </message>
    <message>
        <source>Type the discount as a whole number, 1–99</source>
        <translation>Жеңілдікті бүтін санмен енгізіңіз, 1–99</translation>
    </message>
    <message>
        <source>Select a line first</source>
        <translation>Алдымен жолды таңдаңыз</translation>
    </message>
    <message>
        <source>New price for “{name}”</source>
        <translation>«{name}» үшін жаңа баға</translation>
    </message>
    <message>
        <source>The cart is empty: nothing to park</source>
        <translation>Себет бос: кейінге қалдыратын ештеңе жоқ</translation>
    </message>
    <message>
        <source>Sale parked</source>
        <translation>Сатылым кейінге қалдырылды</translation>
    </message>
    <message>
        <source>Select a parked sale first</source>
        <translation>Алдымен кейінге қалдырылған сатылымды таңдаңыз</translation>
    </message>
    <message>
        <source>This parked sale cannot be resumed</source>
        <translation>Бұл кейінге қалдырылған сатылымды жалғастыру мүмкін емес</translation>
    </message>
    <message>
        <source>Sale resumed; the previous cart was parked</source>
        <translation>Сатылым жалғасты; алдыңғы себет кейінге қалдырылды</translation>
    </message>
    <message numerus="yes">
        <source>Parked (%n)</source>
        <translation>
            <numerusform>Кейінге қалдырылған (%n)</numerusform>
            <numerusform>Кейінге қалдырылған (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Really clear?</source>
        <translation>Шынымен тазалау керек пе?</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Welcome!</source>
        <extracomment>The translation context of every customer-facing string. The languages offered on the display, with their own names (never translated).</extracomment>
        <translation>Қош келдіңіз!</translation>
    </message>
    <message>
        <source>Your purchase</source>
        <translation>Сіздің сатып алуыңыз</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Барлығы</translation>
    </message>
    <message>
        <source>Discount {percent} %</source>
        <translation>Жеңілдік {percent} %</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>Төлеуге</translation>
    </message>
    <message>
        <source>Scan the code with the Kaspi app</source>
        <translation>Кодты Kaspi қолданбасымен сканерлеңіз</translation>
    </message>
    <message>
        <source>Open Kaspi.kz → Kaspi QR, point the camera at the code and confirm.</source>
        <translation>Kaspi.kz → Kaspi QR ашып, камераны кодқа бағыттап, растаңыз.</translation>
    </message>
    <message>
        <source>Confirm the payment in your Kaspi app</source>
        <translation>Төлемді Kaspi қолданбасында растаңыз</translation>
    </message>
    <message>
        <source>The request was sent to {phone}.</source>
        <translation>Сұрау {phone} нөміріне жіберілді.</translation>
    </message>
    <message>
        <source>Preparing the payment…</source>
        <translation>Төлем дайындалуда…</translation>
    </message>
    <message>
        <source>Paid — thank you!</source>
        <translation>Төленді — рақмет!</translation>
    </message>
    <message>
        <source>The payment was not completed</source>
        <translation>Төлем аяқталмады</translation>
    </message>
    <message>
        <source>No money was taken. Please ask the cashier.</source>
        <translation>Ақша алынбады. Кассирге жүгініңіз.</translation>
    </message>
    <message>
        <source>QR code expired</source>
        <translation>QR-кодтың мерзімі өтті</translation>
    </message>
    <message>
        <source>{count} × {price}</source>
        <translation>{count} × {price}</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Сатып алушы экраны</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Refund…</source>
        <translation>Қайтару…</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>Чек…</translation>
    </message>
    <message>
        <source>Refund receipt…</source>
        <translation>Қайтару чегі…</translation>
    </message>
    <message>
        <source>Select a sale to see its details.</source>
        <translation>Толығырақ көру үшін сатылымды таңдаңыз.</translation>
    </message>
    <message>
        <source>Invoice {invoice}</source>
        <translation>Шот {invoice}</translation>
    </message>
    <message>
        <source>Not sent to the provider</source>
        <translation>Провайдерге жіберілмеген</translation>
    </message>
    <message>
        <source>Kaspi invoice</source>
        <translation>Kaspi шоты</translation>
    </message>
    <message>
        <source>Local sale</source>
        <translation>Жергілікті сатылым</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Сатып алушы</translation>
    </message>
    <message>
        <source>Register / cashier</source>
        <translation>Касса / кассир</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Сипаттама</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Тауарлар</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Жеңілдіксіз сома</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Жеңілдік</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Барлығы</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Қайтарылды</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Қайтарулар</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Сату барысы</translation>
    </message>
    <message>
        <source>Invoice created</source>
        <translation>Шот жасалды</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Төленді</translation>
    </message>
    <message>
        <source>Refund requested</source>
        <translation>Қайтару сұралды</translation>
    </message>
    <message>
        <source>Refund completed</source>
        <translation>Қайтару жасалды</translation>
    </message>
    <message>
        <source>Refund failed</source>
        <translation>Қайтару өтпеді</translation>
    </message>
    <message>
        <source>this register</source>
        <translation>осы касса</translation>
    </message>
    <message>
        <source>payment service</source>
        <translation>төлем қызметі</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>The price must be from {min} to {max}, with at most two decimals</source>
        <translation>Баға {min} бастап {max} дейін болуы керек, үтірден кейін екі таңбадан аспауы тиіс</translation>
    </message>
    <message>
        <source>The quantity must be at least 1</source>
        <translation>Саны кемінде 1 болуы керек</translation>
    </message>
    <message>
        <source>The quantity must be at most {max}</source>
        <translation>Саны {max} аспауы керек</translation>
    </message>
    <message>
        <source>Enter a name</source>
        <translation>Атауын енгізіңіз</translation>
    </message>
    <message>
        <source>Say why the price is changed</source>
        <translation>Баға неге өзгертілгенін көрсетіңіз</translation>
    </message>
    <message>
        <source>The reason must be at most {max} characters</source>
        <translation>Себебі {max} таңбадан аспауы керек</translation>
    </message>
    <message>
        <source>The discount must be a whole number from 1 to 99 %</source>
        <translation>Жеңілдік 1-ден 99 %-ға дейінгі бүтін сан болуы керек</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>Себет бос</translation>
    </message>
    <message>
        <source>The total must be at least {min}</source>
        <translation>Төленетін сома кемінде {min} болуы керек</translation>
    </message>
    <message>
        <source>This line is no longer in the cart</source>
        <translation>Бұл жол себетте енді жоқ</translation>
    </message>
    <message>
        <source>A sale can have at most {max} lines</source>
        <translation>Сатылымда {max} жолдан артық болмайды</translation>
    </message>
    <message>
        <source>The sale total must be at most {max}</source>
        <translation>Сатылым сомасы {max} аспауы керек</translation>
    </message>
    <message>
        <source>The saved cart cannot be read</source>
        <translation>Сақталған себетті оқу мүмкін емес</translation>
    </message>
    <message>
        <source>Enter the IIN or BIN</source>
        <translation>ЖСН немесе БСН енгізіңіз</translation>
    </message>
    <message>
        <source>An IIN or BIN contains only digits</source>
        <translation>ЖСН немесе БСН тек цифрлардан тұрады</translation>
    </message>
    <message>
        <source>An IIN or BIN has 12 digits, this one has {count}</source>
        <translation>ЖСН немесе БСН 12 цифрдан тұрады, мұнда {count}</translation>
    </message>
    <message>
        <source>This IIN or BIN is not valid: check the digits for a typo</source>
        <translation>Мұндай ЖСН немесе БСН жоқ: қате терілмегенін тексеріңіз</translation>
    </message>
    <message>
        <source>Enter a number</source>
        <translation>Сан енгізіңіз</translation>
    </message>
    <message>
        <source>The amount cannot be negative</source>
        <translation>Сома теріс бола алмайды</translation>
    </message>
    <message>
        <source>The amount must be at most {max}</source>
        <translation>Сома {max} аспауы керек</translation>
    </message>
    <message>
        <source>Use at most two digits after the decimal point</source>
        <translation>Үтірден кейін екі цифрдан аспауы керек</translation>
    </message>
    <message>
        <source>The amount must be at least {min}</source>
        <translation>Сома кемінде {min} болуы керек</translation>
    </message>
    <message>
        <source>Cannot read this amount: type it like 1 500 or 1 500,50</source>
        <translation>Соманы оқу мүмкін емес: 1 500 немесе 1 500,50 түрінде енгізіңіз</translation>
    </message>
    <message>
        <source>Enter the amount in digits</source>
        <translation>Соманы цифрмен енгізіңіз</translation>
    </message>
    <message>
        <source>Enter an amount</source>
        <translation>Соманы енгізіңіз</translation>
    </message>
    <message>
        <source>This is not a Kazakhstan mobile number</source>
        <translation>Бұл Қазақстанның ұялы нөмірі емес</translation>
    </message>
    <message>
        <source>A mobile number has 10 digits after +7 or 8, like +7 700 123 45 67</source>
        <translation>Ұялы нөмірде +7 немесе 8-ден кейін 10 цифр болады, мысалы +7 700 123 45 67</translation>
    </message>
    <message>
        <source>Enter a phone number</source>
        <translation>Телефон нөмірін енгізіңіз</translation>
    </message>
    <message>
        <source>A phone number may contain only digits, spaces, +, brackets and -</source>
        <translation>Телефон нөмірінде тек цифрлар, бос орын, +, жақша және - болуы мүмкін</translation>
    </message>
    <message>
        <source>A sale cannot go from {old} to {new}</source>
        <extracomment>States after which the payment cannot change by itself: no more polling.</extracomment>
        <translation>Сатылым {old} күйінен {new} күйіне өте алмайды</translation>
    </message>
    <message>
        <source>A refund cannot go from {old} to {new}</source>
        <extracomment>Allowed moves of a refund. CREATING → UNKNOWN is the lost answer; UNKNOWN is decided by reconciliation (found: PENDING/COMPLETED/FAILED; proven absent: FAILED &quot;not_created&quot;). States a refund can be left in by a crash, a lost answer or a queue: resumed at start-up.</extracomment>
        <translation>Қайтару {old} күйінен {new} күйіне өте алмайды</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Draft</source>
        <translation>Жоба</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Жіберілуде</translation>
    </message>
    <message>
        <source>Unknown (checking)</source>
        <translation>Белгісіз (тексерілуде)</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Төлемді күтуде</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>Бас тартылуда</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Төленді</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>Ішінара қайтарылды</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Қайтарылды</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Бас тартылды</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Мерзімі өтті</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Өтпеді</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Кейінге қалдырылды</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Өңделуде</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Орындалды</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Уақыт</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Шот</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сома</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Сатып алушы</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Сипаттама</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Касса</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>кейінге қалдырылды</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>жіберілмеді</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Себебі</translation>
    </message>
    <message>
        <source>Why it failed</source>
        <translation>Неге өтпеді</translation>
    </message>
    <message>
        <source>The app was closed while the invoice was being sent; checked with the payment service</source>
        <translation>Шот жіберіліп жатқанда бағдарлама жабылды; төлем қызметімен салыстырылды</translation>
    </message>
    <message>
        <source>Sending went wrong; checking whether the invoice was created</source>
        <translation>Жіберу сәтсіз болды; шоттың жасалғанын тексеріп жатырмыз</translation>
    </message>
    <message>
        <source>Checked: no invoice was created</source>
        <translation>Тексерілді: шот жасалмаған</translation>
    </message>
    <message>
        <source>Checked: the invoice was created</source>
        <translation>Тексерілді: шот жасалған</translation>
    </message>
    <message>
        <source>Cancellation requested</source>
        <translation>Бас тарту сұралды</translation>
    </message>
    <message>
        <source>Cancellation requested again</source>
        <translation>Бас тарту қайта сұралды</translation>
    </message>
    <message>
        <source>The app was closed while the refund was being sent; checked with the payment service</source>
        <translation>Қайтару жіберіліп жатқанда бағдарлама жабылды; төлем қызметімен салыстырылды</translation>
    </message>
    <message>
        <source>Checked: no refund was made</source>
        <translation>Тексерілді: қайтару жасалмаған</translation>
    </message>
    <message>
        <source>Checked: the refund was made</source>
        <translation>Тексерілді: қайтару жасалған</translation>
    </message>
    <message>
        <source>Already sent before: invoice {invoice}</source>
        <translation>Бұрын жіберілген: шот {invoice}</translation>
    </message>
    <message>
        <source>No answer from the payment service; checking whether the invoice exists</source>
        <translation>Төлем қызметінен жауап жоқ; шоттың бар-жоғын тексеріп жатырмыз</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later</source>
        <translation>{invoice} шоты кейінірек табылды</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later; the sale continues with it</source>
        <translation>{invoice} шоты кейінірек табылды; сату сол шот бойынша жалғасады</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later and cannot be cancelled; the cart was rung up again as another sale</source>
        <translation>{invoice} шоты кейінірек табылды, оның күшін жою мүмкін емес; себет басқа сату ретінде қайта ресімделген</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later and was cancelled; the cart was rung up again as another sale</source>
        <translation>{invoice} шоты кейінірек табылып, күші жойылды; себет басқа сату ретінде қайта ресімделген</translation>
    </message>
    <message>
        <source>The payment service refused to cancel</source>
        <translation>Төлем қызметі шоттан бас тартуға келіспеді</translation>
    </message>
    <message>
        <source>The cancellation did not go through</source>
        <translation>Бас тарту өтпеді</translation>
    </message>
    <message>
        <source>The payment service reported an unknown status: {status}</source>
        <translation>Төлем қызметі белгісіз күй хабарлады: {status}</translation>
    </message>
    <message>
        <source>The payment service says “{state}”; the status was kept</source>
        <translation>Төлем қызметі «{state}» дейді; күйі өзгеріссіз қалды</translation>
    </message>
    <message>
        <source>The payment service refused the invoice</source>
        <translation>Төлем қызметі шот жасаудан бас тартты</translation>
    </message>
    <message>
        <source>No answer from the payment service; checking whether the refund was made</source>
        <translation>Төлем қызметінен жауап жоқ; қайтарудың жасалғанын тексеріп жатырмыз</translation>
    </message>
    <message>
        <source>The payment service refused the refund</source>
        <translation>Төлем қызметі қайтарудан бас тартты</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <source>← Counter</source>
        <translation>← Касса</translation>
    </message>
    <message>
        <source>Back to the counter (Esc)</source>
        <translation>Кассаға оралу (Esc)</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>Сатылымдар тарихы</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Сатылымдар</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Қайтарулар</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Ауысым есебі</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Бүгін</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Кеше</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Ағымдағы ауысым</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Соңғы 7 күн</translation>
    </message>
    <message>
        <source>Dates…</source>
        <translation>Күндер…</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Барлық уақыт</translation>
    </message>
    <message>
        <source>Status: all</source>
        <translation>Күйі: барлығы</translation>
    </message>
    <message>
        <source>Search: phone, order id, description, amount</source>
        <translation>Іздеу: телефон, тапсырыс нөмірі, сипаттама, сома</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Жаңарту</translation>
    </message>
    <message>
        <source>“;” for Excel</source>
        <translation>Excel үшін «;»</translation>
    </message>
    <message>
        <source>Separate columns with &apos;;&apos; and write decimal commas (Russian Excel).</source>
        <translation>Бағандарды «;» белгісімен бөліп, бөлшек бөлігін үтір арқылы жазу (орысша Excel).</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV-ге экспорттау…</translation>
    </message>
    <message>
        <source>All refunds</source>
        <translation>Барлық қайтарулар</translation>
    </message>
    <message>
        <source>Status: {states}</source>
        <translation>Күйі: {states}</translation>
    </message>
    <message>
        <source>No sales match these filters.</source>
        <translation>Бұл сүзгілерге сәйкес сатылым жоқ.</translation>
    </message>
    <message>
        <source>Export the history as CSV</source>
        <translation>Тарихты CSV-ге экспорттау</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV файлдары (*.csv)</translation>
    </message>
    <message>
        <source>{count} sales exported to {path}</source>
        <translation>{count} сатылым {path} файлына экспортталды</translation>
    </message>
</context>
<context>
    <name>HotkeysDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Жылдам пернелер</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Перне</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Әрекет</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Соңғы таңбаны өшіру</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Clear the amount</source>
        <translation>Соманы тазалау</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Қосу</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Point of sale</source>
        <translation>Касса</translation>
    </message>
    <message>
        <source>Sales history, refunds and report</source>
        <translation>Сатылымдар тарихы, қайтарулар және есеп</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>Осы жылдам пернелер тізімін көрсету</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>ДЕМО</translation>
    </message>
    <message>
        <source>Demo mode: payments go to a built-in test server; no money moves.</source>
        <translation>Демо режимі: төлемдер кіріктірілген сынақ серверіне жіберіледі, ақша қозғалмайды.</translation>
    </message>
    <message>
        <source>Sales history, refunds and report (F9)</source>
        <translation>Сатылымдар тарихы, қайтарулар және есеп (F9)</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>Сатылымдар тарихы</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Жылдам пернелер (F1)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Жылдам пернелер</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Безендіру тақырыбы</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ашық</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Қараңғы</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Жүйедегідей</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Баптаулар (Ctrl+,)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <source>Open the settings</source>
        <translation>Баптауларды ашу</translation>
    </message>
    <message>
        <source>No secure key storage was found on this computer: the API key is kept for this session only and must be entered again after a restart.</source>
        <translation>Бұл компьютерде кілттердің қорғалған қоймасы табылмады: API кілті тек осы сеанс соңына дейін сақталады, қайта іске қосқаннан кейін оны қайта енгізу керек.</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Нұсқа {version}</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Касса</translation>
    </message>
    <message>
        <source>The counter screen is not part of this build yet.</source>
        <translation>Бұл жинақта касса экраны әлі жоқ.</translation>
    </message>
    <message>
        <source>My shop</source>
        <translation>Менің дүкенім</translation>
    </message>
    <message>
        <source>Demo mode: built-in test server, no real payments</source>
        <translation>Демо режимі: кіріктірілген сынақ сервері, нақты төлемдер жоқ</translation>
    </message>
    <message>
        <source>{provider} · {url}</source>
        <translation>{provider} · {url}</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Қосылуда…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Желіде</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Байланыс жоқ</translation>
    </message>
    <message>
        <source>● Key rejected</source>
        <translation>● Кілт қабылданбады</translation>
    </message>
    <message>
        <source>Checking the connection to the payment service</source>
        <translation>Төлем қызметімен байланысты тексеру</translation>
    </message>
    <message>
        <source>The payment service answers</source>
        <translation>Төлем қызметі жауап береді</translation>
    </message>
    <message>
        <source>The payment service does not answer; sales stay in the journal</source>
        <translation>Төлем қызметі жауап бермейді; сатылымдар журналда сақталады</translation>
    </message>
    <message>
        <source>The payment service refused the API key</source>
        <translation>Төлем қызметі API кілтін қабылдамады</translation>
    </message>
</context>
<context>
    <name>OnboardingWizard</name>
    <message>
        <source>Connect the register</source>
        <extracomment>Where an ApiPay account is opened and the key is found (ApiPay&apos;s own guide, seed 001). The phone number the owner adds in Kaspi Business as a Cashier (seed 002), as shown. ApiPay&apos;s support for connecting Kaspi Business (seed 001). Builds a provider for a test: ``(provider name, base URL, key) -&gt; provider``.</extracomment>
        <translation>Кассаны қосу</translation>
    </message>
    <message>
        <source>How do you want to start?</source>
        <translation>Неден бастаймыз?</translation>
    </message>
    <message>
        <source>Try everything first in demo mode: a built-in test server plays the payment service and no money moves. Connect a real account whenever you are ready.</source>
        <translation>Алдымен бәрін демо режимінде байқап көріңіз: төлем қызметінің рөлін кіріктірілген сынақ сервері атқарады, ақша қозғалмайды. Дайын болғанда нақты аккаунтты қосыңыз.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Демоны байқап көру</translation>
    </message>
    <message>
        <source>Connect ApiPay.kz</source>
        <translation>ApiPay.kz қосу</translation>
    </message>
    <message>
        <source>Connect xPayment</source>
        <translation>xPayment қосу</translation>
    </message>
    <message>
        <source>Before you connect ApiPay.kz</source>
        <translation>ApiPay.kz қоспас бұрын</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Register.&lt;/b&gt; Open &lt;a href=&quot;{dashboard}&quot;&gt;apipay.kz&lt;/a&gt; and sign in with WhatsApp.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Add the service phone in Kaspi Business.&lt;/b&gt; In the Kaspi Business app open Settings → Employees → Add employee, enter &lt;b&gt;{phone}&lt;/b&gt;, choose the role &lt;b&gt;Cashier&lt;/b&gt; and confirm. This lets ApiPay.kz issue invoices for your shop.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Copy the API key.&lt;/b&gt; In the ApiPay.kz dashboard open Settings → Connection and copy the key.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Need help? ApiPay.kz support on WhatsApp: {support}.&lt;/p&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Тіркеліңіз.&lt;/b&gt; &lt;a href=&quot;{dashboard}&quot;&gt;apipay.kz&lt;/a&gt; сайтын ашып, WhatsApp арқылы кіріңіз.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Kaspi Business-ке қызметтік нөмірді қосыңыз.&lt;/b&gt; Kaspi Business қолданбасында Баптаулар → Қызметкерлер → Қызметкер қосу бөлімін ашып, &lt;b&gt;{phone}&lt;/b&gt; нөмірін енгізіңіз, &lt;b&gt;Кассир&lt;/b&gt; рөлін таңдап, растаңыз. Осылайша ApiPay.kz дүкеніңіздің атынан шот шығара алады.&lt;/li&gt;&lt;li&gt;&lt;b&gt;API кілтін көшіріңіз.&lt;/b&gt; ApiPay.kz кабинетінде Баптаулар → Қосылым бөлімін ашып, кілтті көшіріңіз.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Көмек керек пе? WhatsApp арқылы ApiPay.kz қолдау қызметі: {support}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Артқа</translation>
    </message>
    <message>
        <source>I have the key</source>
        <translation>Кілт менде бар</translation>
    </message>
    <message>
        <source>API key for {provider}</source>
        <translation>{provider} үшін API кілті</translation>
    </message>
    <message>
        <source>Paste the key from the ApiPay.kz dashboard (Settings → Connection). It is kept in the system&apos;s secure key storage, never in a file.</source>
        <translation>ApiPay.kz кабинетіндегі кілтті қойыңыз (Баптаулар → Қосылым). Ол жүйенің қорғалған кілт қоймасында сақталады, ешқашан файлда емес.</translation>
    </message>
    <message>
        <source>Enter the API address and the device API key xPayment gave you. The key is kept in the system&apos;s secure key storage, never in a file.</source>
        <translation>xPayment берген API мекенжайы мен құрылғының API кілтін енгізіңіз. Кілт жүйенің қорғалған кілт қоймасында сақталады, ешқашан файлда емес.</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API мекенжайы</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API кілті</translation>
    </message>
    <message>
        <source>Paste the key here</source>
        <translation>Кілтті осында қойыңыз</translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation>Кілтті көрсету</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>Кілтті көрсету немесе жасыру</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Қою</translation>
    </message>
    <message>
        <source>Test the key</source>
        <translation>Кілтті тексеру</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Әрі қарай</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Аяқтау</translation>
    </message>
    <message>
        <source>Verify your organisation (optional)</source>
        <translation>Ұйымды растау (міндетті емес)</translation>
    </message>
    <message>
        <source>Enter the shop&apos;s IIN or BIN. ApiPay.kz then sends a request to the owner&apos;s Kaspi Business app; confirm it there within 2 minutes.</source>
        <translation>Дүкеннің ЖСН немесе БСН енгізіңіз. ApiPay.kz иесінің Kaspi Business қолданбасына сұрау жібереді; оны сонда 2 минут ішінде растаңыз.</translation>
    </message>
    <message>
        <source>IIN / BIN</source>
        <translation>ЖСН / БСН</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 цифр</translation>
    </message>
    <message>
        <source>%v s left</source>
        <translation>%v с қалды</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>Бәрі дайын</translation>
    </message>
    <message>
        <source>Start working</source>
        <translation>Жұмысты бастау</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Қайталау</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>Сұрау жіберу</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Әзірге өткізіп жіберу</translation>
    </message>
    <message>
        <source>The register runs in demo mode. No money moves.</source>
        <translation>Касса демо режимінде жұмыс істейді. Ақша қозғалмайды.</translation>
    </message>
    <message>
        <source>The key is saved. Restart the app to take payments with {provider}.</source>
        <translation>Кілт сақталды. {provider} арқылы төлем қабылдау үшін қолданбаны қайта іске қосыңыз.</translation>
    </message>
    <message>
        <source>No secure key storage works on this computer, so the key is kept for this session only: enter it again after a restart, or set up the system&apos;s key storage.</source>
        <translation>Бұл компьютерде қорғалған кілт қоймасы жұмыс істемейді, сондықтан кілт тек осы сеанс соңына дейін сақталады: қайта іске қосқаннан кейін оны қайта енгізіңіз немесе жүйенің кілт қоймасын баптаңыз.</translation>
    </message>
    <message>
        <source>Your organisation is verified.</source>
        <translation>Ұйымыңыз расталды.</translation>
    </message>
    <message>
        <source>Checking the key…</source>
        <translation>Кілт тексерілуде…</translation>
    </message>
    <message>
        <source>The key works. It is saved in: {storage}.</source>
        <translation>Кілт жұмыс істейді. Ол мұнда сақталды: {storage}.</translation>
    </message>
    <message>
        <source>Enter the API address of {provider} (it starts with https://).</source>
        <translation>{provider} API мекенжайын енгізіңіз (ол https:// деп басталады).</translation>
    </message>
    <message>
        <source>The API address must start with https:// (or http://) followed by the server name, without spaces, e.g. https://api.example.kz/v1.</source>
        <translation>API мекенжайы https:// (немесе http://) деп басталып, одан кейін сервер аты бос орынсыз жазылуы керек, мысалы https://api.example.kz/v1.</translation>
    </message>
    <message>
        <source>The system&apos;s key storage is locked.</source>
        <translation>Жүйенің кілт қоймасы құлыптаулы.</translation>
    </message>
    <message>
        <source>The system&apos;s key storage refused to keep the key.</source>
        <translation>Жүйенің кілт қоймасы кілтті сақтаудан бас тартты.</translation>
    </message>
    <message>
        <source>No secure key storage was found on this computer.</source>
        <translation>Бұл компьютерде қорғалған кілт қоймасы табылмады.</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>Кілт жұмыс істейді.</translation>
    </message>
    <message>
        <source>It is kept for this session only (never written to a file): enter it again after a restart.</source>
        <translation>Ол тек осы сеанс соңына дейін сақталады (файлға жазылмайды): қайта іске қосқаннан кейін оны қайта енгізіңіз.</translation>
    </message>
    <message>
        <source>The key was not accepted. Check the device API key xPayment gave you (all of it, nothing more) and test again.</source>
        <translation>Кілт қабылданбады. xPayment берген құрылғының API кілтін қарап шығып (толығымен, артық ештеңесіз), қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>The key was not accepted. Copy it again from the dashboard (all of it, nothing more) and test again.</source>
        <translation>Кілт қабылданбады. Оны кабинеттен қайта көшіріп (толығымен, артық ештеңесіз), қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>There is no xPayment service at this address. Check the API address xPayment gave you, then test again.</source>
        <translation>Бұл мекенжайда xPayment қызметі жоқ. xPayment берген API мекенжайын қарап шығып, қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>There is no ApiPay.kz service at this address. Check the API address (it usually ends with /api/v1).</source>
        <translation>Бұл мекенжайда ApiPay.kz қызметі жоқ. API мекенжайын тексеріңіз (әдетте ол /api/v1 деп аяқталады).</translation>
    </message>
    <message>
        <source>Too many requests right now. Wait a minute and test again.</source>
        <translation>Қазір сұраулар тым көп. Бір минут күтіп, қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>No connection to the payment service. Check the internet connection and the API address, then test again.</source>
        <translation>Төлем қызметімен байланыс жоқ. Интернет қосылымын және API мекенжайын тексеріп, қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>The payment service is not available right now. Try again in a few minutes.</source>
        <translation>Төлем қызметі қазір қолжетімсіз. Бірнеше минуттан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>The key works, but the organisation is not verified yet. Verify it on the next page.</source>
        <translation>Кілт жұмыс істейді, бірақ ұйым әлі расталмаған. Оны келесі бетте растаңыз.</translation>
    </message>
    <message>
        <source>The key works, but the shop&apos;s ApiPay.kz plan is not active. Renew it in the dashboard, then test again.</source>
        <translation>Кілт жұмыс істейді, бірақ дүкеннің ApiPay.kz тарифі белсенді емес. Оны кабинетте ұзартып, қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>Then test the key again.</source>
        <translation>Содан кейін кілтті қайта тексеріңіз.</translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation>Сұрау жіберілуде…</translation>
    </message>
    <message>
        <source>Request sent. Open Kaspi Business on the owner&apos;s phone and confirm it.</source>
        <translation>Сұрау жіберілді. Иесінің телефонында Kaspi Business ашып, оны растаңыз.</translation>
    </message>
    <message>
        <source>The organisation is verified. You can take payments.</source>
        <translation>Ұйым расталды. Төлем қабылдауға болады.</translation>
    </message>
    <message>
        <source>The request was declined in Kaspi Business. Check the IIN/BIN and that the service phone is added as Cashier, then try again.</source>
        <translation>Сұрау Kaspi Business-те қабылданбады. ЖСН/БСН-ді және қызметтік нөмірдің Кассир ретінде қосылғанын тексеріп, қайталаңыз.</translation>
    </message>
    <message>
        <source>Nobody confirmed the request within 2 minutes. Keep Kaspi Business open on the owner&apos;s phone and try again.</source>
        <translation>2 минут ішінде сұрауды ешкім растамады. Иесінің телефонында Kaspi Business-ті ашық ұстап, қайталаңыз.</translation>
    </message>
    <message>
        <source>The service did not accept this IIN/BIN. Check the number.</source>
        <translation>Қызмет бұл ЖСН/БСН-ді қабылдамады. Нөмірді тексеріңіз.</translation>
    </message>
    <message>
        <source>The key was not accepted. Go back and test the key again.</source>
        <translation>Кілт қабылданбады. Артқа оралып, кілтті қайта тексеріңіз.</translation>
    </message>
</context>
<context>
    <name>ParkedModel</name>
    <message>
        <source>{time} · {count} lines · {total}</source>
        <translation>{time} · жол саны: {count} · {total}</translation>
    </message>
</context>
<context>
    <name>PaymentError</name>
    <message>
        <source>The shop&apos;s ApiPay subscription is not active. Renew the plan in the ApiPay dashboard.</source>
        <translation>Дүкеннің ApiPay жазылымы белсенді емес. Тарифті ApiPay кабинетінде ұзартыңыз.</translation>
    </message>
    <message>
        <source>Issuing invoices is blocked for this shop. Contact ApiPay support.</source>
        <translation>Бұл дүкенге шот шығару бұғатталған. ApiPay қолдау қызметіне жүгініңіз.</translation>
    </message>
    <message>
        <source>The shop&apos;s organisation is not verified yet. Verify it in the settings.</source>
        <translation>Дүкен ұйымы әлі расталмаған. Оны баптауларда растаңыз.</translation>
    </message>
    <message>
        <source>The Kaspi cashier session has expired. Reconnect the cashier in the ApiPay dashboard.</source>
        <translation>Kaspi кассирінің сеансы аяқталды. Кассирді ApiPay кабинетінде қайта қосыңыз.</translation>
    </message>
    <message>
        <source>The Kaspi cashier session is not valid. Reconnect the cashier in the ApiPay dashboard.</source>
        <translation>Kaspi кассирінің сеансы жарамсыз. Кассирді ApiPay кабинетінде қайта қосыңыз.</translation>
    </message>
    <message>
        <source>The Kaspi cashier is not connected yet. Contact ApiPay support.</source>
        <translation>Kaspi кассирі әлі қосылмаған. ApiPay қолдау қызметіне жүгініңіз.</translation>
    </message>
    <message>
        <source>Creating payments is paused for maintenance. No payment was created; try again later.</source>
        <translation>Техникалық қызмет көрсетуге байланысты төлем жасау уақытша тоқтатылды. Төлем жасалмады; кейінірек қайталаңыз.</translation>
    </message>
    <message>
        <source>The payment is already paid.</source>
        <translation>Төлем төленіп қойған.</translation>
    </message>
    <message>
        <source>The payment is already cancelled.</source>
        <translation>Төлемнен бас тартылған.</translation>
    </message>
    <message>
        <source>The time allowed for a refund of this payment has passed.</source>
        <translation>Бұл төлемді қайтару мерзімі өтіп кетті.</translation>
    </message>
    <message>
        <source>The refund is larger than what is left to refund on this payment.</source>
        <translation>Қайтару сомасы осы төлем бойынша қайтаруға қалған сомадан көп.</translation>
    </message>
    <message>
        <source>This phone number has no Kaspi account.</source>
        <translation>Бұл нөмірде Kaspi аккаунты жоқ.</translation>
    </message>
    <message>
        <source>The description was rejected by the content check. Change it.</source>
        <translation>Сипаттама мазмұн тексерісінен өтпеді. Оны өзгертіңіз.</translation>
    </message>
    <message>
        <source>The daily limit of the trial plan is reached.</source>
        <translation>Сынақ тарифінің күндік лимитіне жетті.</translation>
    </message>
    <message>
        <source>The limit of the shop&apos;s ApiPay plan is reached.</source>
        <translation>Дүкеннің ApiPay тарифінің лимитіне жетті.</translation>
    </message>
    <message>
        <source>Too many unpaid payments for this phone number.</source>
        <translation>Бұл нөмірге төленбеген төлемдер тым көп.</translation>
    </message>
    <message>
        <source>Too many unpaid payments for this shop.</source>
        <translation>Дүкенде төленбеген төлемдер тым көп.</translation>
    </message>
    <message>
        <source>The shop is being checked: one invoice a day until it is approved.</source>
        <translation>Дүкен тексерістен өтуде: мақұлданғанға дейін күніне бір шот.</translation>
    </message>
    <message>
        <source>The owner did not confirm in Kaspi Business in time. Start the verification again.</source>
        <translation>Иесі Kaspi Business-те уақытында растамады. Тексеруді қайта бастаңыз.</translation>
    </message>
    <message>
        <source>Kaspi returned an error. Try again in a moment.</source>
        <translation>Kaspi қате қайтарды. Сәлден кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>An item of the cart is not in the provider&apos;s catalog any more.</source>
        <translation>Себеттегі тауарлардың бірі провайдер каталогында енді жоқ.</translation>
    </message>
    <message>
        <source>The cart does not match the provider&apos;s catalog. Sync the catalog.</source>
        <translation>Себет провайдер каталогына сәйкес келмейді. Каталогты жаңартыңыз.</translation>
    </message>
    <message>
        <source>The payment service returned an error.</source>
        <translation>Төлем қызметі қате қайтарды.</translation>
    </message>
    <message>
        <source>The API key was not accepted. Check it in the settings.</source>
        <translation>API кілті қабылданбады. Оны баптауларда тексеріңіз.</translation>
    </message>
    <message>
        <source>The payment service does not allow this operation for the shop.</source>
        <translation>Төлем қызметі дүкенге бұл әрекетке рұқсат бермейді.</translation>
    </message>
    <message>
        <source>The payment service does not know it.</source>
        <translation>Төлем қызметі бұл жазбаны таппады.</translation>
    </message>
    <message>
        <source>This payment provider does not support the operation.</source>
        <translation>Бұл төлем провайдері мұндай әрекетті қолдамайды.</translation>
    </message>
    <message>
        <source>The payment service rejected the data: {fields}.</source>
        <translation>Төлем қызметі деректерді қабылдамады: {fields}.</translation>
    </message>
    <message>
        <source>The payment service refused this operation in the payment&apos;s state.</source>
        <translation>Төлем қызметі бас тартты: төлемнің қазіргі күйінде бұл әрекет мүмкін емес.</translation>
    </message>
    <message>
        <source>A payment for this sale already exists.</source>
        <translation>Бұл сатылым бойынша төлем бар.</translation>
    </message>
    <message>
        <source>Too many requests to the payment service. Wait {seconds} s.</source>
        <translation>Төлем қызметіне сұраулар тым көп. {seconds} с күтіңіз.</translation>
    </message>
    <message>
        <source>Kaspi is not available right now. Try again in a moment.</source>
        <translation>Kaspi қазір қолжетімсіз. Сәлден кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>The payment service had an internal error. Try again in a moment.</source>
        <translation>Төлем қызметінің ішкі қатесі. Сәлден кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>No connection to the payment service. Check the internet connection.</source>
        <translation>Төлем қызметімен байланыс жоқ. Интернет қосылымын тексеріңіз.</translation>
    </message>
    <message>
        <source>The payment service sent an answer the app does not understand.</source>
        <translation>Төлем қызметі қолданба түсінбейтін жауап жіберді.</translation>
    </message>
    <message>
        <source>The refund was rejected. No money was returned.</source>
        <extracomment>How far a provider&apos;s refund time may be before our journal time and still be ours (clocks of the till and the provider are not the same clock). What can still be refunded (one rule, kept in :mod:`pos_app.payments.models`; the name stays for the refund dialog).</extracomment>
        <translation>Қайтару қабылданбады. Ақша қайтарылмады.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>The customer scans this code with the Kaspi app</source>
        <extracomment>States shown as &quot;Paid&quot; (a refund later does not undo the sale at the counter). Demo mode only: the cashier plays the customer (&quot;pay&quot;, &quot;decline&quot;, &quot;page&quot;).</extracomment>
        <translation>Сатып алушы бұл кодты Kaspi қолданбасымен сканерлейді</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Төленді</translation>
    </message>
    <message>
        <source>Other sales waiting for payment</source>
        <translation>Төлемді күтіп тұрған басқа сатылымдар</translation>
    </message>
    <message>
        <source>Demo: play the customer</source>
        <translation>Демо: сатып алушының орнына әрекет ету</translation>
    </message>
    <message>
        <source>Customer pays</source>
        <translation>Сатып алушы төлейді</translation>
    </message>
    <message>
        <source>Customer declines</source>
        <translation>Сатып алушы бас тартады</translation>
    </message>
    <message>
        <source>Open the customer&apos;s page</source>
        <translation>Сатып алушының бетін ашу</translation>
    </message>
    <message>
        <source>The page a customer&apos;s phone would show, with Pay and Decline buttons</source>
        <translation>Сатып алушының телефонында көрінетін бет, «Төлеу» және «Бас тарту» батырмаларымен</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>Төлемнен бас тарту</translation>
    </message>
    <message>
        <source>New QR</source>
        <translation>Жаңа QR</translation>
    </message>
    <message>
        <source>Show another QR code; the old one stays watched in case it was paid</source>
        <translation>Басқа QR-код көрсету; ескісі төленіп қалса деп бақылауда қалады</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Қайталау</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>Себетке оралу</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Жаңа сатылым</translation>
    </message>
    <message>
        <source>Payment by QR</source>
        <translation>QR арқылы төлем</translation>
    </message>
    <message>
        <source>Payment by phone</source>
        <translation>Телефон арқылы төлем</translation>
    </message>
    <message>
        <source>Creating the payment…</source>
        <translation>Төлем жасалуда…</translation>
    </message>
    <message>
        <source>The payment request goes to {phone}. The customer opens the Kaspi app and confirms it there.</source>
        <translation>Төлем сұрауы {phone} нөміріне жіберіледі. Сатып алушы Kaspi қолданбасын ашып, оны сол жерде растайды.</translation>
    </message>
    <message>
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>The money has arrived. The cart is cleared for the next customer.</source>
        <translation>Ақша түсті. Себет келесі сатып алушы үшін тазартылды.</translation>
    </message>
    <message>
        <source>The customer declined the payment</source>
        <translation>Сатып алушы төлемнен бас тартты</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Бас тартылды</translation>
    </message>
    <message>
        <source>No money was taken. Try again or go back to the cart.</source>
        <translation>Ақша алынбады. Қайталаңыз немесе себетке оралыңыз.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Уақыты өтті</translation>
    </message>
    <message>
        <source>The customer did not pay in time. No money was taken.</source>
        <translation>Сатып алушы уақытында төлемеді. Ақша алынбады.</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Төлем өтпеді</translation>
    </message>
    <message>
        <source>No money was taken.</source>
        <translation>Ақша алынбады.</translation>
    </message>
    <message>
        <source>Connection lost, retrying…</source>
        <translation>Байланыс үзілді, қайталануда…</translation>
    </message>
    <message>
        <source>The sale is kept safe; its status is checked as soon as the payment service answers again.</source>
        <translation>Сатылым сақталған; төлем қызметі қайта жауап берген бойда оның күйі тексеріледі.</translation>
    </message>
    <message>
        <source>Checking an unknown result…</source>
        <translation>Белгісіз нәтиже тексерілуде…</translation>
    </message>
    <message>
        <source>The answer to the payment request was lost. The app is asking the payment service what happened; nothing is sent twice.</source>
        <translation>Төлем сұрауына жауап жоғалды. Қолданба не болғанын төлем қызметінен анықтап жатыр; ештеңе екі рет жіберілмейді.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Бас тартылуда…</translation>
    </message>
    <message>
        <source>Waiting for the payment service to confirm the cancellation.</source>
        <translation>Төлем қызметі бас тартуды растағанын күтудеміз.</translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay</source>
        <translation>Сатып алушының сканерлеп, төлеуін күтудеміз</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm in Kaspi</source>
        <translation>Сатып алушының Kaspi-де растауын күтудеміз</translation>
    </message>
    <message>
        <source>Took {time}</source>
        <translation>Кеткен уақыт: {time}</translation>
    </message>
    <message>
        <source>Waiting {time}</source>
        <translation>Күту: {time}</translation>
    </message>
    <message>
        <source>Scan within {time}</source>
        <translation>{time} ішінде сканерлеңіз</translation>
    </message>
    <message>
        <source>This QR code can no longer be scanned. A payment the customer already started may still complete; use New QR to show another code.</source>
        <translation>Бұл QR-кодты енді сканерлеу мүмкін емес. Сатып алушы бастаған төлем әлі өтуі мүмкін; басқа кодты көрсету үшін «Жаңа QR» басыңыз.</translation>
    </message>
    <message>
        <source>QR code expired</source>
        <translation>QR-кодтың мерзімі өтті</translation>
    </message>
</context>
<context>
    <name>PhoneDialog</name>
    <message>
        <source>Pay by phone</source>
        <extracomment>Characters of the description the Kaspi app shows; more are cut off on the customer&apos;s side.</extracomment>
        <translation>Телефон арқылы төлеу</translation>
    </message>
    <message>
        <source>Payment request to the customer&apos;s Kaspi app</source>
        <translation>Сатып алушының Kaspi қолданбасына төлем сұрауы</translation>
    </message>
    <message>
        <source>Customer&apos;s phone number</source>
        <translation>Сатып алушының телефон нөмірі</translation>
    </message>
    <message>
        <source>Check Kaspi</source>
        <translation>Kaspi-ді тексеру</translation>
    </message>
    <message>
        <source>Ask Kaspi whether this number has the Kaspi app (optional)</source>
        <translation>Бұл нөмірде Kaspi қолданбасы бар-жоғын Kaspi-ден сұрау (міндетті емес)</translation>
    </message>
    <message>
        <source>Description for the customer (optional)</source>
        <translation>Сатып алушыға арналған сипаттама (міндетті емес)</translation>
    </message>
    <message>
        <source>e.g. Order 15, coffee and croissant</source>
        <translation>мысалы: 15-тапсырыс, кофе және круассан</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Артқа</translation>
    </message>
    <message>
        <source>Send to Kaspi</source>
        <translation>Kaspi-ге жіберу</translation>
    </message>
    <message>
        <source>Type or paste the number: {mask}</source>
        <translation>Нөмірді теріңіз немесе қойыңыз: {mask}</translation>
    </message>
    <message numerus="yes">
        <source>%n more digit(s)</source>
        <translation>
            <numerusform>тағы %n цифр</numerusform>
            <numerusform>тағы %n цифр</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Kazakhstan mobile number</source>
        <translation>✓ Қазақстанның ұялы нөмірі</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Тексерілуде…</translation>
    </message>
    <message>
        <source>Could not check the number: {reason}</source>
        <translation>Нөмірді тексеру мүмкін болмады: {reason}</translation>
    </message>
    <message>
        <source>name hidden</source>
        <translation>аты жасырылған</translation>
    </message>
    <message>
        <source>Has Kaspi: {name}. Ask the customer to confirm the name.</source>
        <translation>Kaspi бар: {name}. Сатып алушыдан атын растауын сұраңыз.</translation>
    </message>
    <message>
        <source>No Kaspi on this number: the request cannot reach it. Ask for another number or use the QR code.</source>
        <translation>Бұл нөмірде Kaspi жоқ: сұрау жетпейді. Басқа нөмір сұраңыз немесе QR-кодты қолданыңыз.</translation>
    </message>
    <message>
        <source>{count}/{limit}: Kaspi shows only the first {limit} characters</source>
        <translation>{count}/{limit}: Kaspi тек алғашқы {limit} таңбаны көрсетеді</translation>
    </message>
    <message>
        <source>{count}/{limit}</source>
        <translation>{count}/{limit}</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Shop</source>
        <extracomment>Chosen explicitly: DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і).</extracomment>
        <translation>Дүкен</translation>
    </message>
    <message>
        <source>SALE RECEIPT</source>
        <translation>САТУ ЧЕГІ</translation>
    </message>
    <message>
        <source>REFUND RECEIPT</source>
        <translation>ҚАЙТАРУ ЧЕГІ</translation>
    </message>
    <message>
        <source>{count} × {price}</source>
        <translation>{count} × {price}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Жеңілдіксіз сома</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Жеңілдік</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>БАРЛЫҒЫ</translation>
    </message>
    <message>
        <source>REFUNDED</source>
        <translation>ҚАЙТАРЫЛДЫ</translation>
    </message>
    <message>
        <source>Kaspi QR</source>
        <translation>Kaspi QR</translation>
    </message>
    <message>
        <source>Kaspi (phone)</source>
        <translation>Kaspi (телефон нөмірі бойынша)</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Төлем тәсілі</translation>
    </message>
    <message>
        <source>Invoice №</source>
        <translation>Шот №</translation>
    </message>
    <message>
        <source>Kaspi invoice №</source>
        <translation>Kaspi шоты №</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Сатып алушы</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Себебі: {reason}</translation>
    </message>
    <message>
        <source>Thank you for your purchase!</source>
        <translation>Сатып алғаныңызға рахмет!</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Таспа</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 мм</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 мм</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF ретінде сақтау…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Басып шығару…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>Чекті PDF ретінде сақтау</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF файлдары (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>Қайтару</translation>
    </message>
    <message>
        <source>Refund for invoice {invoice}</source>
        <translation>{invoice} шоты бойынша қайтару</translation>
    </message>
    <message>
        <source>Paid {paid}, available to refund: {available}</source>
        <translation>Төленді {paid}, қайтаруға болады: {available}</translation>
    </message>
    <message>
        <source>Everything available</source>
        <translation>Қолжетімді соманың бәрін</translation>
    </message>
    <message>
        <source>An amount</source>
        <translation>Соманың бөлігін</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Тауарлар</translation>
    </message>
    <message>
        <source>e.g. 1500</source>
        <translation>мысалы, 1500</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сома</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Тауар</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Баға</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Қалды</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Қайтару</translation>
    </message>
    <message>
        <source>Why (optional): damaged, wrong item…</source>
        <translation>Неге (міндетті емес): ақаулы, басқа тауар…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Себебі</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>Менеджер PIN-коды</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Enter the amount to refund.</source>
        <translation>Қайтару сомасын енгізіңіз.</translation>
    </message>
    <message>
        <source>Choose the items that come back.</source>
        <translation>Қайтарылатын тауарларды таңдаңыз.</translation>
    </message>
    <message>
        <source>the customer&apos;s Kaspi account</source>
        <translation>сатып алушының Kaspi шоты</translation>
    </message>
    <message>
        <source>{amount} back to {who} for invoice {invoice}</source>
        <translation>{amount} {invoice} шоты бойынша {who} қайтарылады</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN қате.</translation>
    </message>
    <message>
        <source>Sending the refund…</source>
        <translation>Қайтару жіберілуде…</translation>
    </message>
    <message>
        <source>Refund completed: {amount} went back.</source>
        <translation>Қайтару орындалды: {amount} қайтарылды.</translation>
    </message>
    <message>
        <source>Refund failed: {reason}</source>
        <translation>Қайтару орындалмады: {reason}</translation>
    </message>
    <message>
        <source>Refund of {amount}: {state}. The dialog follows it.</source>
        <translation>{amount} қайтару: {state}. Терезе оны бақылап отыр.</translation>
    </message>
</context>
<context>
    <name>Refunds</name>
    <message>
        <source>A refund of this sale is still being sent. Wait for its answer.</source>
        <translation>Бұл сатылым бойынша қайтару әлі жіберілуде. Жауабын күтіңіз.</translation>
    </message>
    <message>
        <source>Only a paid sale can be refunded.</source>
        <translation>Тек төленген сатылымды қайтаруға болады.</translation>
    </message>
    <message>
        <source>Nothing is left to refund on this sale.</source>
        <translation>Бұл сатылым бойынша қайтаратын ештеңе қалмады.</translation>
    </message>
    <message>
        <source>This provider cannot refund a part.</source>
        <translation>Бұл провайдер соманың бір бөлігін қайтара алмайды.</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Нөлден үлкен соманы енгізіңіз.</translation>
    </message>
    <message>
        <source>At most {available} can be refunded on this sale. Nothing was sent.</source>
        <translation>Бұл сатылым бойынша {available} аспайтын соманы қайтаруға болады. Ештеңе жіберілмеді.</translation>
    </message>
    <message>
        <source>This provider cannot refund single items.</source>
        <translation>Бұл провайдер жекелеген тауарларды қайтара алмайды.</translation>
    </message>
    <message>
        <source>Choose how many of which item go back.</source>
        <translation>Қай тауардың қаншасы қайтарылатынын таңдаңыз.</translation>
    </message>
    <message>
        <source>Only {left} of “{name}” can still be returned.</source>
        <translation>«{name}» тауарынан тек {left} ғана қайтаруға болады.</translation>
    </message>
    <message>
        <source>No refund was made. You can ask for it again.</source>
        <translation>Қайтару орындалмады. Оны қайта сұрауға болады.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>No sales in this period.</source>
        <translation>Бұл кезеңде сатылым жоқ.</translation>
    </message>
    <message>
        <source>{count} · {amount}</source>
        <translation>{count} · {amount}</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Сатылымдар</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Қайтарулар</translation>
    </message>
    <message>
        <source>Net takings</source>
        <translation>Таза түсім</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Бас тартылды</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Мерзімі өтті</translation>
    </message>
    <message>
        <source>Still waiting</source>
        <translation>Әлі күтуде</translation>
    </message>
    <message>
        <source>This register&apos;s journal</source>
        <translation>Осы кассаның журналы</translation>
    </message>
    <message>
        <source>Sold elsewhere</source>
        <translation>Басқа жерде сатылған</translation>
    </message>
    <message>
        <source>paid in the journal, not at the provider</source>
        <translation>журналда төленген, төлем қызметінде төленбеген</translation>
    </message>
    <message>
        <source>paid at the provider, not in the journal</source>
        <translation>төлем қызметінде төленген, журналда төленбеген</translation>
    </message>
    <message>
        <source>in the journal, missing at the provider</source>
        <translation>журналда бар, төлем қызметінде жоқ</translation>
    </message>
    <message>
        <source>never reached the provider</source>
        <translation>төлем қызметіне жетпеді</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Ауысым есебі</translation>
    </message>
    <message>
        <source>Differences with the journal</source>
        <translation>Журналмен айырмашылықтар</translation>
    </message>
    <message>
        <source>None: the journal and the provider agree.</source>
        <translation>Жоқ: журнал мен төлем қызметі сәйкес келеді.</translation>
    </message>
    <message>
        <source>Sales per hour</source>
        <translation>Сағат бойынша сатылымдар</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Today</source>
        <translation>Бүгін</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Ағымдағы ауысым</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Кеше</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Соңғы 7 күн</translation>
    </message>
    <message>
        <source>Day…</source>
        <translation>Күн…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Жаңарту</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>PDF-ке экспорттау…</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Сатылымдар</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Қайтарулар</translation>
    </message>
    <message>
        <source>Net takings</source>
        <translation>Таза түсім</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Бас тартылды</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Мерзімі өтті</translation>
    </message>
    <message>
        <source>Still waiting</source>
        <translation>Әлі күтуде</translation>
    </message>
    <message>
        <source>This register&apos;s journal</source>
        <translation>Осы кассаның журналы</translation>
    </message>
    <message>
        <source>Sold elsewhere</source>
        <translation>Басқа жерде сатылған</translation>
    </message>
    <message>
        <source>The journal and the provider agree on this period.</source>
        <translation>Осы кезеңде журнал мен провайдер деректері сәйкес келеді.</translation>
    </message>
    <message>
        <source>Differences with the journal:</source>
        <translation>Журналмен айырмашылықтар:</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Есепті PDF ретінде сақтау</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF файлдары (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The service that takes the Kaspi payments.</source>
        <extracomment>The API base each provider starts with. xPayment publishes none: the cashier enters it. Every setting the app has, in the order the settings dialog shows them. Labels and help texts are English sources marked for ``pyside6-lupdate`` (context ``Settings``); the dialog shows them through ``QCoreApplication.translate(&quot;Settings&quot;, ...)``.</extracomment>
        <translation>Kaspi төлемдерін қабылдайтын қызмет.</translation>
    </message>
    <message>
        <source>Payment provider</source>
        <translation>Төлем провайдері</translation>
    </message>
    <message>
        <source>API address; leave empty to use the provider&apos;s standard address.</source>
        <translation>API мекенжайы; провайдердің стандартты мекенжайын қолдану үшін бос қалдырыңыз.</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API мекенжайы</translation>
    </message>
    <message>
        <source>Name of the provider account the API key belongs to.</source>
        <translation>API кілті тиесілі провайдер аккаунтының атауы.</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Аккаунт атауы</translation>
    </message>
    <message>
        <source>Most requests per minute to the payment service (ApiPay allows 60).</source>
        <translation>Төлем қызметіне минутына ең көп сұрау саны (ApiPay 60-қа рұқсат береді).</translation>
    </message>
    <message>
        <source>Request budget per minute</source>
        <translation>Минутына сұрау лимиті</translation>
    </message>
    <message>
        <source>How often a waiting payment is checked, in seconds.</source>
        <translation>Күтудегі төлемді қаншалықты жиі тексеру, секундпен.</translation>
    </message>
    <message>
        <source>Payment check interval</source>
        <translation>Төлемді тексеру аралығы</translation>
    </message>
    <message>
        <source>Language of the register&apos;s screens and receipts.</source>
        <translation>Касса экрандары мен чектердің тілі.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Тіл</translation>
    </message>
    <message>
        <source>Light, dark, or the same as the computer.</source>
        <translation>Ашық, қараңғы немесе компьютердегідей.</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Безендіру тақырыбы</translation>
    </message>
    <message>
        <source>Play a sound when a payment arrives or fails.</source>
        <translation>Төлем түскенде немесе өтпегенде дыбыс беру.</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Дыбыстар</translation>
    </message>
    <message>
        <source>The screen that shows the customer the total and the QR code.</source>
        <translation>Сатып алушыға сома мен QR-кодты көрсететін экран.</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Сатып алушы экраны</translation>
    </message>
    <message>
        <source>Printer for receipts; empty means the system default.</source>
        <translation>Чек принтері; бос болса — жүйенің әдепкі принтері.</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Чек принтері</translation>
    </message>
    <message>
        <source>Width of the receipt paper.</source>
        <translation>Чек таспасының ені.</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Таспа ені</translation>
    </message>
    <message>
        <source>Shown in the top bar and printed on receipts.</source>
        <translation>Жоғарғы панельде көрсетіліп, чектерде басылады.</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Дүкен атауы</translation>
    </message>
    <message>
        <source>Name of this register on receipts, e.g. &apos;Register 1&apos;.</source>
        <translation>Осы кассаның чектердегі атауы, мысалы «1-касса».</translation>
    </message>
    <message>
        <source>Register name</source>
        <translation>Касса атауы</translation>
    </message>
    <message>
        <source>Hour the shop&apos;s shift (working day) starts, for the shift report.</source>
        <translation>Дүкен ауысымының (жұмыс күнінің) басталу сағаты — ауысым есебі үшін.</translation>
    </message>
    <message>
        <source>Shift starts at</source>
        <translation>Ауысым басталуы</translation>
    </message>
    <message>
        <source>Payment service</source>
        <extracomment>Length of the manager PIN, in digits. The dialog&apos;s groups, in order, with their titles (translation sources).</extracomment>
        <translation>Төлем қызметі</translation>
    </message>
    <message>
        <source>Language and look</source>
        <translation>Тіл және безендіру</translation>
    </message>
    <message>
        <source>Customer display and printer</source>
        <translation>Сатып алушы экраны және принтер</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Чектер</translation>
    </message>
    <message>
        <source>Light</source>
        <extracomment>How choice values are shown (translation sources; languages use their own names).</extracomment>
        <translation>Ашық</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Қараңғы</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Жүйедегідей</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 мм</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 мм</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>A4 парағы</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The system&apos;s key storage is locked.</source>
        <translation>Жүйенің кілт қоймасы құлыптаулы.</translation>
    </message>
    <message>
        <source>The system&apos;s key storage refused to keep the key.</source>
        <translation>Жүйенің кілт қоймасы кілтті сақтаудан бас тартты.</translation>
    </message>
    <message>
        <source>No secure key storage was found on this computer.</source>
        <translation>Бұл компьютерде қорғалған кілт қоймасы табылмады.</translation>
    </message>
    <message>
        <source>The API key is kept for this session only and is never written to a file.</source>
        <translation>API кілті тек осы сеанс соңына дейін сақталады және ешқашан файлға жазылмайды.</translation>
    </message>
    <message>
        <source>No API key is saved: the register runs in demo mode.</source>
        <translation>API кілті сақталмаған: касса демо режимінде жұмыс істейді.</translation>
    </message>
    <message>
        <source>The API key is saved in: {storage}.</source>
        <translation>API кілті мұнда сақталған: {storage}.</translation>
    </message>
    <message>
        <source>Replace the key…</source>
        <translation>Кілтті ауыстыру…</translation>
    </message>
    <message>
        <source>Enter a key…</source>
        <translation>Кілт енгізу…</translation>
    </message>
    <message>
        <source>The API key was removed. The register runs in demo mode after a restart.</source>
        <translation>API кілті жойылды. Қайта іске қосқаннан кейін касса демо режимінде жұмыс істейді.</translation>
    </message>
    <message>
        <source>Refunds ask for the manager PIN.</source>
        <translation>Қайтару үшін менеджердің PIN-коды керек.</translation>
    </message>
    <message>
        <source>No manager PIN: every cashier can make refunds.</source>
        <translation>Менеджердің PIN-коды орнатылмаған: кез келген кассир қайтара алады.</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>PIN-ді өзгерту</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>PIN орнату</translation>
    </message>
    <message>
        <source>The current PIN is wrong.</source>
        <translation>Қазіргі PIN-код қате.</translation>
    </message>
    <message>
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>PIN-код {low}–{high} цифрдан тұруы керек.</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>PIN-кодтар сәйкес емес: бір PIN-ді екі рет теріңіз.</translation>
    </message>
    <message>
        <source>Manager PIN saved: refunds now ask for it.</source>
        <translation>Менеджердің PIN-коды сақталды: енді қайтару оны сұрайды.</translation>
    </message>
    <message>
        <source>Manager PIN removed: refunds need no PIN.</source>
        <translation>Менеджердің PIN-коды жойылды: қайтаруға PIN керек емес.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Қалталар</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Өшірулі</translation>
    </message>
    <message>
        <source>System default printer</source>
        <translation>Жүйенің әдепкі принтері</translation>
    </message>
    <message>
        <source>Standard address of the provider</source>
        <translation>Провайдердің стандартты мекенжайы</translation>
    </message>
    <message>
        <source>s</source>
        <translation>с</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>минутына</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Қосулы</translation>
    </message>
    <message>
        <source>Manager PIN for refunds</source>
        <translation>Қайтаруға арналған менеджер PIN-коды</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Қазіргі PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Жаңа PIN</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Жаңа PIN қайтадан</translation>
    </message>
    <message>
        <source>{low} to {high} digits</source>
        <translation>{low}–{high} цифр</translation>
    </message>
    <message>
        <source>Remove PIN</source>
        <translation>PIN-ді жою</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Деректер қалтасы</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Журналдар қалтасы</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ашу</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Кілтті жою</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сақтау</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Болдырмау</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation>Қош келдіңіз</translation>
    </message>
    <message>
        <source>Welcome to your new register</source>
        <translation>Жаңа кассаңызға қош келдіңіз</translation>
    </message>
    <message>
        <source>Take Kaspi payments by phone or QR code. Try everything first in demo mode: a built-in test server plays the payment service, and no money moves. Connect your ApiPay account whenever you are ready.</source>
        <translation>Kaspi төлемдерін телефон нөмірі немесе QR-код арқылы қабылдаңыз. Алдымен бәрін демо режимінде байқап көріңіз: төлем қызметінің рөлін кіріктірілген сынақ сервері атқарады, ақша қозғалмайды. Дайын болғанда ApiPay аккаунтыңызды қосыңыз.</translation>
    </message>
    <message>
        <source>Connect an account</source>
        <translation>Аккаунтты қосу</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Демоны байқап көру</translation>
    </message>
    <message>
        <source>Choose ApiPay.kz or xPayment, test the key and verify the organisation</source>
        <translation>ApiPay.kz немесе xPayment таңдап, кілтті тексеріп, ұйымды растаңыз</translation>
    </message>
</context>
</TS>
