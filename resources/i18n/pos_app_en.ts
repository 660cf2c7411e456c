<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CounterScreen</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Parked (%n)</source>
        <translation>
            <numerusform>Parked (%n)</numerusform>
            <numerusform>Parked (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhoneDialog</name>
    <message numerus="yes">
        <source>%n more digit(s)</source>
        <translation>
            <numerusform>%n more digit</numerusform>
            <numerusform>%n more digits</numerusform>
        </translation>
    </message>
</context>
</TS>
